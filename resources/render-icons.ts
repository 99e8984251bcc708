import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import pngToIco from 'png-to-ico';

/**
 * Renders resources/icon.svg into the PNG sizes the window, the tray and installers ask for (icons/NxN.png;
 * the Electron window uses the 512-pixel one) and favicon.ico (16, 32 and 48 pixels) for the browser-mode
 * host. Run it after changing the drawing (`npm run icons`) and commit what it writes: the app never renders
 * icons at run time. Chromium draws the SVG, so the result is the same on every machine with the same Chromium.
 */
const RESOURCES = import.meta.dirname;
const ICON_SIZES = [16, 32, 48, 64, 128, 256, 512] as const;
const FAVICON_SIZES = [16, 32, 48];
const CHROMIUM = process.env.DESK_CHROMIUM ?? '/usr/bin/chromium';
// Nothing but the drawing: no network, no updates, no first-run pages.
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

function iconFile(size: number): string {
  return path.join(RESOURCES, 'icons', `${size}x${size}.png`);
}

async function renderIcons(): Promise<void> {
  const svg = await readFile(path.join(RESOURCES, 'icon.svg'));
  const source = `data:image/svg+xml;base64,${svg.toString('base64')}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const pngs = new Map<number, Buffer>();
    for (const size of ICON_SIZES) {
      await page.setViewportSize({ width: size, height: size });
      // The browser scales the vector drawing itself at each size: sharper than scaling one bitmap down.
      await page.setContent(
        `<html><body style="margin:0;background:transparent">` +
          `<img src="${source}" width="${size}" height="${size}" style="display:block"></body></html>`,
      );
      // Drawn before the shot, not merely loaded.
      await page.locator('img').evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode());
      const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      pngs.set(size, png);
      await writeFile(iconFile(size), png);
    }
    await writeFile(path.join(RESOURCES, 'favicon.ico'), await pngToIco(FAVICON_SIZES.map((size) => pngs.get(size)!)));
  } finally {
    await browser.close();
  }
}

await renderIcons();
