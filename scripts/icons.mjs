// Renders public/icon.svg to the PNG icons the web app manifest lists
// (public/icon-192.png, public/icon-512.png) with the test Chromium. Run it
// after changing the SVG:   node scripts/icons.mjs
import { readFileSync } from 'node:fs';
import { launch } from '../tests/e2e/support.mjs';

const PUBLIC = new URL('../public/', import.meta.url).pathname;
const svg = readFileSync(`${PUBLIC}icon.svg`, 'utf8');
const browser = await launch();
for (const size of [192, 512]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<html><body style="margin:0">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  await page.screenshot({ path: `${PUBLIC}icon-${size}.png`, omitBackground: true });
  console.log(`wrote public/icon-${size}.png`);
}
await browser.close();
