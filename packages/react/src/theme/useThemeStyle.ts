import { useInsertionEffect } from 'react';
import { webcamMLThemeCss } from './themeCss';

/** The id of the one `<style>` element the components share. */
export const THEME_STYLE_ID = 'webcam-ml-theme';

/**
 * Puts the components' stylesheet in the document's `<head>` once (the first styled component to
 * mount does it; later ones find it by id). Nothing happens on the server or when `unstyled`.
 * The sheet is never removed: it is small, and another component may still use it.
 */
export function useThemeStyle(unstyled = false): void {
  useInsertionEffect(() => {
    if (unstyled || typeof document === 'undefined' || document.getElementById(THEME_STYLE_ID)) return;
    const style = document.createElement('style');
    style.id = THEME_STYLE_ID;
    style.textContent = webcamMLThemeCss;
    document.head.prepend(style);
  }, [unstyled]);
}

/** The props every styled component takes to opt out of the built-in look. */
export interface UnstyledProp {
  /**
   * Leave out the built-in look (no stylesheet, `data-unstyled` on the root): structure, ARIA,
   * `data-*` state attributes and the live values stay, ready for your own CSS.
   * @default false
   */
  unstyled?: boolean;
}

/** The root attributes of a styled component: its name for CSS, and `data-unstyled` when asked. */
export function themeRoot(name: string, unstyled: boolean | undefined): { 'data-webcam-ml': string; 'data-unstyled'?: '' } {
  return unstyled ? { 'data-webcam-ml': name, 'data-unstyled': '' } : { 'data-webcam-ml': name };
}
