import { toPng } from 'html-to-image';

/** The first colour that is not transparent, from the chart outwards: what the chart is drawn on. */
function backgroundOf(node: HTMLElement): string {
  for (let at: HTMLElement | null = node; at; at = at.parentElement) {
    const colour = getComputedStyle(at).backgroundColor;
    if (colour && colour !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(colour)) return colour;
  }
  return '#ffffff';
}

/**
 * A chart as a PNG of exactly its size on screen (one image pixel per CSS pixel), legend and axes included, on
 * the theme's background. The charts' colours are CSS variables of the theme: the copy takes each element's
 * computed colours, so the image looks as the screen does, light or dark. Fonts are the system's, not
 * embedded (the window loads nothing from outside).
 */
export async function chartPng(node: HTMLElement): Promise<string> {
  return toPng(node, {
    width: node.offsetWidth,
    height: node.offsetHeight,
    pixelRatio: 1,
    skipFonts: true,
    backgroundColor: backgroundOf(node),
  });
}
