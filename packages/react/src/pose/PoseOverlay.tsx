import { useEffect, useMemo, useRef, type CSSProperties } from 'react';
import type { CoordinateMapper, ObjectFit } from '@webcam-ml/core';
import { bodySide, skeletonFor, type Pose, type PoseKeypoint } from '@webcam-ml/core/pose';
import { useOverlayMapper } from '../shared/useOverlayMapper';
import { plural } from '../shared/plural';

export interface PoseOverlayProps {
  /** The poses to draw (`usePose().poses`), in source pixels of the unmirrored frame. */
  poses: readonly Pose[];
  /**
   * Size of the frame the poses come from (`usePose().frameSize`); nothing is drawn while unknown.
   * @default the enclosing `<Webcam>`'s video size, else null
   */
  frameSize?: { width: number; height: number } | null;
  /**
   * The element under the overlay is shown mirrored. Keypoints are flipped to match, and a
   * person's `left_*` keypoints keep the left-side colour (they are the person's left).
   * @default the enclosing `<Webcam>`'s `mirrored`, else false
   */
  mirrored?: boolean;
  /**
   * The `object-fit` of the element under the overlay; the overlay lines up with the frame under
   * `contain` letterboxing and `cover` cropping alike.
   * @default the enclosing `<Webcam>`'s `objectFit`, else 'contain'
   */
  objectFit?: ObjectFit;
  /**
   * Keypoints scored below this are not drawn (nor the bones that touch them).
   * @default 0.3
   */
  minScore?: number;
  /**
   * A bone is drawn only when both its keypoints score at least this (and `minScore`). A line
   * claims where a limb goes, so it asks more than a dot: MoveNet scores joints outside the
   * picture (legs below a frame's edge) and joints it misplaces at about 0.1–0.25, and visible
   * limbs from about 0.4 up (docs/pose-overlay.md).
   * @default 0.4
   */
  limbMinScore?: number;
  /**
   * `'svg'` draws elements (inspectable, styleable with CSS); `'canvas'` draws pixels (cheaper with
   * many people).
   * @default 'svg'
   */
  renderer?: 'svg' | 'canvas';
  /** Draw the bones. @default true */
  showSkeleton?: boolean;
  /** Draw the keypoints. @default true */
  showKeypoints?: boolean;
  /** Keypoint radius in CSS pixels. @default 4 */
  keypointRadius?: number;
  /** Bone width in CSS pixels. @default 3 */
  lineWidth?: number;
  /** Bone colour; the same as the CSS variable `--webcam-ml-pose-line`. @default '#22d3ee' */
  lineColor?: string;
  /** Colour of the person's left keypoints (`--webcam-ml-pose-left`). @default '#f59e0b' */
  leftColor?: string;
  /** Colour of the person's right keypoints (`--webcam-ml-pose-right`). @default '#a855f7' */
  rightColor?: string;
  /** Colour of midline keypoints such as the nose (`--webcam-ml-pose-center`). @default '#f8fafc' */
  centerColor?: string;
  className?: string;
  style?: CSSProperties;
}

const DEFAULT_COLORS = {
  line: '#22d3ee',
  left: '#f59e0b',
  right: '#a855f7',
  center: '#f8fafc',
} as const;

type ColorRole = keyof typeof DEFAULT_COLORS;

function cssColor(role: ColorRole): string {
  return `var(--webcam-ml-pose-${role}, ${DEFAULT_COLORS[role]})`;
}

function pointRole(k: PoseKeypoint): ColorRole {
  return bodySide(k.name) ?? 'center';
}

interface DrawnPose {
  key: number;
  points: PoseKeypoint[];
  bones: [PoseKeypoint, PoseKeypoint][];
}

/** Poses in display pixels, with the keypoints and bones to draw. */
function layout(poses: readonly Pose[], mapper: CoordinateMapper, minScore: number, limbMinScore: number): DrawnPose[] {
  return poses.map((pose, index) => {
    const shown = new Map<string, PoseKeypoint>();
    const points: PoseKeypoint[] = [];
    const limbScore = Math.max(minScore, limbMinScore);
    for (const k of pose.keypoints) {
      if (k.score < minScore) continue;
      const p = mapper.toDisplay(k);
      shown.set(k.name, p);
      points.push(p);
    }
    const bones: [PoseKeypoint, PoseKeypoint][] = [];
    for (const [a, b] of skeletonFor(pose)) {
      const pa = shown.get(a);
      const pb = shown.get(b);
      if (pa && pb && pa.score >= limbScore && pb.score >= limbScore) bones.push([pa, pb]);
    }
    return { key: pose.id ?? index, points, bones };
  });
}

const fill: CSSProperties = { position: 'absolute', inset: 0, width: '100%', height: '100%', pointerEvents: 'none' };

/**
 * Draws pose skeletons over the element that shows the frame. As a child of `<Webcam>` it takes
 * the camera's mirroring, object-fit and size from it; elsewhere, place it in a
 * `position: relative` box right over the video or image and pass `mirrored` and `objectFit`.
 *
 * ```tsx
 * <Webcam mirrored objectFit="cover"><PoseOverlay poses={pose.poses} /></Webcam>
 * ```
 */
export function PoseOverlay({
  poses,
  frameSize: frameSizeProp,
  mirrored: mirroredProp,
  objectFit: objectFitProp,
  minScore = 0.3,
  limbMinScore = 0.4,
  renderer = 'svg',
  showSkeleton = true,
  showKeypoints = true,
  keypointRadius = 4,
  lineWidth = 3,
  lineColor,
  leftColor,
  rightColor,
  centerColor,
  className,
  style,
}: PoseOverlayProps) {
  const { ref, display, mapper } = useOverlayMapper({ frameSize: frameSizeProp, mirrored: mirroredProp, objectFit: objectFitProp });
  const drawn = useMemo(() => (mapper.ready ? layout(poses, mapper, minScore, limbMinScore) : []), [poses, mapper, minScore, limbMinScore]);
  const themed: CSSProperties = {
    ...fill,
    ...(lineColor && { '--webcam-ml-pose-line': lineColor }),
    ...(leftColor && { '--webcam-ml-pose-left': leftColor }),
    ...(rightColor && { '--webcam-ml-pose-right': rightColor }),
    ...(centerColor && { '--webcam-ml-pose-center': centerColor }),
    ...style,
  } as CSSProperties;
  const label = `Pose overlay: ${plural(drawn.length, 'person', 'people')}`;

  return (
    <div ref={ref} className={className} style={themed} data-webcam-ml="pose-overlay" data-poses={drawn.length}>
      {renderer === 'canvas' ? (
        <PoseCanvas
          drawn={drawn}
          width={display.width}
          height={display.height}
          label={label}
          showSkeleton={showSkeleton}
          showKeypoints={showKeypoints}
          keypointRadius={keypointRadius}
          lineWidth={lineWidth}
        />
      ) : (
        <svg
          width={display.width}
          height={display.height}
          viewBox={`0 0 ${display.width || 1} ${display.height || 1}`}
          role="img"
          aria-label={label}
          style={{ display: 'block', overflow: 'hidden' }}
        >
          {drawn.map((pose) => (
            <g key={pose.key} data-pose={pose.key}>
              {showSkeleton &&
                pose.bones.map(([a, b]) => (
                  <line
                    key={`${a.name}-${b.name}`}
                    data-bone={`${a.name}-${b.name}`}
                    x1={a.x}
                    y1={a.y}
                    x2={b.x}
                    y2={b.y}
                    stroke={cssColor('line')}
                    strokeWidth={lineWidth}
                    strokeLinecap="round"
                  />
                ))}
              {showKeypoints &&
                pose.points.map((k) => (
                  <circle
                    key={k.name}
                    data-keypoint={k.name}
                    cx={k.x}
                    cy={k.y}
                    r={keypointRadius}
                    fill={cssColor(pointRole(k))}
                    stroke="rgba(0,0,0,0.6)"
                    strokeWidth={1}
                  />
                ))}
            </g>
          ))}
        </svg>
      )}
    </div>
  );
}

function PoseCanvas({
  drawn,
  width,
  height,
  label,
  showSkeleton,
  showKeypoints,
  keypointRadius,
  lineWidth,
}: {
  drawn: DrawnPose[];
  width: number;
  height: number;
  label: string;
  showSkeleton: boolean;
  showKeypoints: boolean;
  keypointRadius: number;
  lineWidth: number;
}) {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    const w = Math.round(width * ratio);
    const h = Math.round(height * ratio);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    // Canvas cannot read var(): resolve the theme from the computed style once per draw.
    const computed = getComputedStyle(canvas);
    const color = (role: ColorRole) => computed.getPropertyValue(`--webcam-ml-pose-${role}`).trim() || DEFAULT_COLORS[role];
    const colors = { line: color('line'), left: color('left'), right: color('right'), center: color('center') };
    for (const pose of drawn) {
      if (showSkeleton) {
        ctx.strokeStyle = colors.line;
        ctx.lineWidth = lineWidth;
        ctx.lineCap = 'round';
        ctx.beginPath();
        for (const [a, b] of pose.bones) {
          ctx.moveTo(a.x, a.y);
          ctx.lineTo(b.x, b.y);
        }
        ctx.stroke();
      }
      if (showKeypoints) {
        for (const k of pose.points) {
          ctx.fillStyle = colors[pointRole(k)];
          ctx.beginPath();
          ctx.arc(k.x, k.y, keypointRadius, 0, Math.PI * 2);
          ctx.fill();
        }
      }
    }
  }, [drawn, width, height, showSkeleton, showKeypoints, keypointRadius, lineWidth]);
  return <canvas ref={canvasRef} role="img" aria-label={label} style={{ display: 'block', width, height }} />;
}
