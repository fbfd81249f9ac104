// Regenerates the README screenshots from dist/ (run `scripts/dev dist` first):
//   node scripts/screenshots.mjs
import { appReady, launch, listArticles, serve } from '../tests/e2e/support.mjs';

const out = new URL('../docs/screenshots/', import.meta.url).pathname;
const articles = listArticles();
const server = await serve();
const browser = await launch();
const shots = [
  ['list.png', '?q=students&country=pakistan', { width: 1280, height: 900 }, '.card'],
  ['article.png', `articles/${articles.find((a) => a.countries.includes('Switzerland') && a.date).slug}`, { width: 1280, height: 900 }, '.article-body'],
  ['urdu.png', `articles/${articles.find((a) => a.language === 'ur').slug}`, { width: 1280, height: 900 }, '.article-body'],
  ['phone.png', '?country=pakistan', { width: 390, height: 844 }, '.card'],
  ['dark.png', '?region=south-asia', { width: 1280, height: 900 }, '.card', 'dark'],
  ['interface-ur.png', '?hl=ur&region=south-asia', { width: 1280, height: 900 }, '.card'],
  ['interface-ar-dark.png', `articles/${articles.find((a) => a.language === 'ur').slug}?hl=ar`, { width: 1280, height: 900 }, '.article-body', 'dark'],
  ['phone-thumbnails.png', '?q=sindh', { width: 390, height: 844 }, '.card-thumb'],
  ['phone-dark-article.png', `articles/${articles.find((a) => a.section === 'Reports' && a.language === 'en').slug}`, { width: 390, height: 844 }, '.article-body', 'dark'],
];
for (const [file, path, viewport, ready, colorScheme = 'light'] of shots) {
  const page = await browser.newPage({ viewport, colorScheme });
  await page.goto(server.url + path);
  await page.locator(ready).first().waitFor();
  await appReady(page);
  // Related articles and card shards arrive after the page is ready.
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: out + file });
  await page.close();
  console.log(`wrote docs/screenshots/${file}`);
}
await browser.close();
await server.close();
