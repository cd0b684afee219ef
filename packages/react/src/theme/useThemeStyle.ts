import { useInsertionEffect } from 'react';
import { webcamMLThemeCss } from './themeCss';

/** The id of the one `<style>` element the components share. */
export const THEME_STYLE_ID = 'webcam-ml-theme';

let adopted: CSSStyleSheet | null = null;

/**
 * Gives the document the components' stylesheet once (the first styled component to mount does
 * it; later ones find it). Where the browser has constructable stylesheets it is adopted
 * (`document.adoptedStyleSheets`), which a strict Content-Security-Policy without
 * `'unsafe-inline'` allows; elsewhere it is one `<style>` in `<head>`. Nothing happens on the
 * server or when `unstyled`. The sheet is never removed: it is small, and another component may
 * still use it.
 */
export function useThemeStyle(unstyled = false): void {
  useInsertionEffect(() => {
    if (unstyled || typeof document === 'undefined') return;
    if (adopted && document.adoptedStyleSheets.includes(adopted)) return;
    if (document.getElementById(THEME_STYLE_ID)) return;
    if (typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype && Array.isArray(document.adoptedStyleSheets)) {
      try {
        adopted ??= new CSSStyleSheet();
        adopted.replaceSync(webcamMLThemeCss);
        // First, like the <style> it replaces: the page's own sheets come later and win.
        document.adoptedStyleSheets = [adopted, ...document.adoptedStyleSheets];
        return;
      } catch {
        // A browser that has the API but refuses it (an old one): the <style> below.
      }
    }
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
