// Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core; no browser download)
// against a local Superset.
//
//   node screenshot.mjs login-page  --base http://127.0.0.1:8088 --out DIR
//   node screenshot.mjs dashboards  --base http://127.0.0.1:8088 --out DIR [--slugs a,b]
//
// `dashboards` logs in through the login form (SUPERSET_ADMIN_USER / SUPERSET_ADMIN_PASSWORD,
// demo defaults admin/admin), opens every dashboard (or the given slugs), waits until no chart is
// loading, fails if any chart shows an error, renders nothing or shows "No results", and saves one
// PNG per dashboard.
// Exit code 0 only if every dashboard passed. Prints one JSON line per page.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const VIEWPORT = { width: 1600, height: 1000 };
// Flags for a quiet, offline, reproducible headless run (playwright adds --headless itself).
const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

function parseArgs(argv) {
  const [cmd, ...rest] = argv;
  const opts = { cmd, base: 'http://127.0.0.1:8088', out: 'screenshots', slugs: null, timeout: 120000 };
  for (let i = 0; i < rest.length; i += 2) {
    const [k, v] = [rest[i], rest[i + 1]];
    if (k === '--base') opts.base = v.replace(/\/$/, '');
    else if (k === '--out') opts.out = v;
    else if (k === '--slugs') opts.slugs = v.split(',').filter(Boolean);
    else if (k === '--timeout') opts.timeout = Number(v) * 1000;
    else throw new Error(`unknown argument ${k}`);
  }
  if (!['login-page', 'dashboards'].includes(cmd)) {
    throw new Error('usage: screenshot.mjs login-page|dashboards --base URL --out DIR [--slugs a,b]');
  }
  return opts;
}

async function withBrowser(fn) {
  // A new, empty profile every run (the same as --user-data-dir=<fresh dir>).
  const profile = mkdtempSync(join(tmpdir(), 'chiso-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: ARGS,
    viewport: VIEWPORT, locale: 'en-US', timezoneId: 'Asia/Ho_Chi_Minh',
  });
  try {
    return await fn(context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function loginPage(opts) {
  return withBrowser(async (context) => {
    const page = context.pages()[0] || await context.newPage();
    const t0 = Date.now();
    await page.goto(`${opts.base}/login/`, { waitUntil: 'networkidle', timeout: opts.timeout });
    await page.locator('input[name="username"], #username').first().waitFor({ timeout: opts.timeout });
    const file = join(opts.out, 'login.png');
    await page.screenshot({ path: file, fullPage: true });
    console.log(JSON.stringify({ page: 'login', file, title: await page.title(), ms: Date.now() - t0 }));
    return true;
  });
}

// Superset occasionally answers a login with the login page again (its log: "Failed to add user
// to db session"); the form is then submitted afresh, three times at most.
async function logIn(page, opts) {
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    await page.goto(`${opts.base}/login/`, { waitUntil: 'networkidle', timeout: opts.timeout });
    await page.locator('input[name="username"], #username').first()
      .fill(process.env.SUPERSET_ADMIN_USER || 'admin');
    await page.locator('input[name="password"], #password').first()
      .fill(process.env.SUPERSET_ADMIN_PASSWORD || 'admin');
    try {
      await Promise.all([
        page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: opts.timeout / attempts }),
        page.locator('button[type="submit"], input[type="submit"]').first().click(),
      ]);
      return;
    } catch (e) {
      if (attempt === attempts) throw e;
      console.error(`login attempt ${attempt} stayed on ${page.url()}; trying again`);
    }
  }
}

// What each chart of the dashboard shows right now. `drawn` looks inside the chart body only
// (.slice_container), not at the header icons.
function chartStates(page) {
  return page.evaluate(() => [...document.querySelectorAll('[data-test="chart-grid-component"]')].map((el) => {
    const body = el.querySelector('.slice_container');
    const error = [...el.querySelectorAll('[data-test="error-alert"], .ant-alert-error, [role="alert"]')]
      .map((e) => e.textContent.trim()).filter(Boolean).join(' | ') || null;
    const loading = !!el.querySelector('[data-test="loading-indicator"], .loading');
    const empty = el.textContent.includes('No results were returned for this query');
    const drawn = !!body && !!body.querySelector('canvas, svg path, svg rect, table tbody tr, .header-line')
      && body.getBoundingClientRect().height > 0;
    return {
      chart: el.querySelector('[data-test="editable-title"], .header-title, [data-test="slice-header"]')?.textContent?.trim() || null,
      error, drawn, empty, done: !loading && (drawn || !!error || empty),
    };
  }));
}

// Polls until every chart is done (drawn, failed or empty) three times in a row, 0.5 s apart.
async function settle(page, timeout) {
  const t0 = Date.now();
  let stable = 0;
  let states = [];
  while (Date.now() - t0 < timeout) {
    states = await chartStates(page);
    stable = states.length > 0 && states.every((c) => c.done) ? stable + 1 : 0;
    if (stable >= 3) return states;
    await page.waitForTimeout(500);
  }
  const pending = states.filter((c) => !c.done).map((c) => c.chart);
  throw new Error(`charts not drawn after ${timeout / 1000} s: ${JSON.stringify(pending)}`);
}

async function dashboards(opts) {
  return withBrowser(async (context) => {
    const page = context.pages()[0] || await context.newPage();
    await logIn(page, opts);
    // The browser session is logged in now: the same cookie lets page.request call the API.
    const list = await page.request.get(`${opts.base}/api/v1/dashboard/?q=(page_size:100)`);
    if (!list.ok()) throw new Error(`dashboard list: HTTP ${list.status()}`);
    let boards = (await list.json()).result.map((d) => ({ id: d.id, slug: d.slug, title: d.dashboard_title }));
    if (opts.slugs) boards = boards.filter((d) => opts.slugs.includes(d.slug));
    if (opts.slugs && boards.length !== opts.slugs.length) {
      throw new Error(`dashboards not found: ${opts.slugs.filter((s) => !boards.some((d) => d.slug === s))}`);
    }
    let ok = true;
    for (const d of boards) {
      const t0 = Date.now();
      const consoleErrors = [];
      page.removeAllListeners('console');
      page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
      await page.goto(`${opts.base}/superset/dashboard/${d.slug || d.id}/?standalone=1`,
        { waitUntil: 'networkidle', timeout: opts.timeout });
      const holders = page.locator('[data-test="chart-grid-component"]');
      await holders.first().waitFor({ timeout: opts.timeout });
      // Every chart done and drawn, and still so a moment later (native filter defaults can make
      // charts query again right after the first render).
      let report = await settle(page, opts.timeout);
      // A full-page screenshot resizes the window for the capture, and Superset redraws every chart
      // on resize: the picture caught a blank grid. So make the window as tall as the dashboard
      // first, let the charts redraw and settle at that size, then take a plain screenshot.
      const height = await page.evaluate(() => Math.min(8000, Math.max(
        document.documentElement.scrollHeight, document.body.scrollHeight)));
      if (height > VIEWPORT.height) {
        await page.setViewportSize({ width: VIEWPORT.width, height });
        await page.waitForTimeout(500);
        report = await settle(page, opts.timeout);
      }
      const file = join(opts.out, `dashboard-${d.slug || d.id}.png`);
      await page.screenshot({ path: file });
      await page.setViewportSize(VIEWPORT);
      const failed = report.filter((c) => c.error || !c.drawn || c.empty);
      ok = ok && failed.length === 0;
      console.log(JSON.stringify({ page: 'dashboard', slug: d.slug, title: d.title, charts: report.length,
        failed, file, consoleErrors: consoleErrors.slice(0, 5), ms: Date.now() - t0 }));
    }
    return ok && boards.length > 0;
  });
}

const opts = parseArgs(process.argv.slice(2));
mkdirSync(opts.out, { recursive: true });
const ok = opts.cmd === 'login-page' ? await loginPage(opts) : await dashboards(opts);
process.exit(ok ? 0 : 1);
