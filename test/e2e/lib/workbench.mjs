// Small, explicit actions on the VS Code workbench in the browser. Each waits for a visible
// condition with a timeout instead of sleeping a fixed time.
const isMac = false; // code-server runs on Linux here: Control is the modifier.
const mod = isMac ? 'Meta' : 'Control';

export async function waitForWorkbench(page) {
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  // The explorer shows the workspace once the workbench has restored.
  await page.waitForSelector('.explorer-folders-view, .explorer-viewlet', { timeout: 60_000 });
}

/** Runs a command by its palette title, e.g. "normlint: Normalize table". */
export async function runCommand(page, title) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  // A focused webview (Markdown preview) can swallow the shortcut, or take the focus back right after the
  // palette opened (the palette then closes, its rows stay hidden): focus a text editor and open it again.
  for (let attempt = 0; ; attempt++) {
    if (await openPalette(page, input)) {
      // fill() sometimes waits forever for the input to be editable right after an edit or a webview: type instead.
      if (!(await input.fill(`>${title}`, { timeout: 3_000 }).then(() => true, () => false))) {
        await page.keyboard.press(`${mod}+A`);
        await page.keyboard.type(`>${title}`);
      }
      if (await row.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) break;
    }
    if (attempt === 2) throw new Error(`the command palette did not show "${title}" (3 attempts)`);
    await page.keyboard.press('Escape');
    await focusEditor(page).catch(() => page.locator('.explorer-folders-view').click());
  }
  await page.keyboard.press('Enter');
}

async function openPalette(page, input) {
  await page.keyboard.press(`${mod}+Shift+P`);
  return input.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false);
}

export async function openFile(page, name) {
  // A click in the Explorer is deterministic; Quick Open (Ctrl+P) races its own history list.
  const entry = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await entry.waitFor({ state: 'visible', timeout: 30_000 });
  await entry.click();
  await page.locator('.tabs-container .tab.active', { hasText: name }).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: 30_000 });
  await focusEditor(page);
}

export async function focusEditor(page) {
  const active = page.locator('.editor-group-container.active .monaco-editor textarea').first();
  if (await active.count()) await active.focus({ timeout: 5_000 });
  else await page.locator('.editor-group-container .monaco-editor textarea').first().focus({ timeout: 5_000 });
}

/** Puts the cursor at a 1-based line and column with "Go to Line" (Ctrl+G, "line:col"). */
export async function goTo(page, line, column) {
  await focusEditor(page);
  await page.keyboard.press(`${mod}+G`);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}:${column}`); // Ctrl+G opens Quick Open with the ':' (go to line) prefix
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
}

export async function save(page) {
  await focusEditor(page);
  await page.keyboard.press(`${mod}+S`);
}

export async function closePanel(page) {
  if (await page.locator('.part.panel').isVisible().catch(() => false)) await page.keyboard.press(`${mod}+J`);
  await page.locator('.part.panel').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
}

export async function openProblems(page) {
  if (!(await page.locator('.markers-panel').isVisible().catch(() => false))) {
    await page.keyboard.press(`${mod}+Shift+M`);
  }
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
}

/**
 * The rows of the Problems panel as { file, text }: level-1 rows are files, deeper rows their markers
 * (message, source(code), position) and related places. The list is virtualized (only the rows in view
 * exist in the DOM) and every file of the workspace is listed, so the list is scrolled from top to
 * bottom with the mouse wheel and the rows are collected by their list index.
 */
export async function problemRows(page, { file } = {}) {
  // With a file, the panel's own filter box narrows the list to that file first: a few rows, nothing to scroll
  // past (scrolling a long list once left one file's rows unread). The filter is cleared again afterwards.
  const filter = file ? await problemsFilter(page) : null;
  if (filter) { await filter.fill(`**/${file}`); await new Promise((r) => setTimeout(r, 300)); }
  try {
    const rows = await readProblemRows(page);
    return file ? rows.filter((r) => r.file === file) : rows;
  } finally {
    if (filter) await filter.fill('');
  }
}

/** The Problems panel's filter input, or null when this workbench has none in view. */
async function problemsFilter(page) {
  const input = page.locator('.part.panel .viewpane-filter input, .part.panel .markers-panel-action-filter input').first();
  if (await input.isVisible().catch(() => false)) return input;
  if (!warnedNoFilter) { warnedNoFilter = true; console.log('# Problems panel: no filter box in view, reading the whole list'); }
  return null;
}
let warnedNoFilter = false;

async function readProblemRows(page) {
  const read = () => page.evaluate(() => [...document.querySelectorAll('.markers-panel .monaco-list-row')]
    .map((r) => ({ index: Number(r.getAttribute('data-index')), level: Number(r.getAttribute('aria-level')), text: r.textContent ?? '', label: r.getAttribute('aria-label') ?? '' })));
  const byIndex = new Map();
  const list = page.locator('.markers-panel .monaco-list').first();
  const box = await list.boundingBox().catch(() => null);
  if (box) {
    await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 40));
    await page.mouse.wheel(0, -100_000);
  }
  for (let i = 0, stale = 0; i < 40 && stale < 2; i++) {
    await new Promise((r) => setTimeout(r, 60));
    const before = byIndex.size;
    for (const r of await read()) byIndex.set(r.index, r);
    stale = byIndex.size === before ? stale + 1 : 0;
    if (!box) break;
    await page.mouse.wheel(0, Math.max(60, box.height * 0.7));
  }
  if (box) await page.mouse.wheel(0, -100_000);
  const rows = [...byIndex.values()].sort((a, b) => a.index - b.index);
  const out = [];
  let file = '';
  for (const r of rows) {
    // A file row: level 1, or (level numbering differs when a folder row is shown) "N problems in file F".
    const inFile = /problems? in file (\S+)/.exec(`${r.text} ${r.label}`);
    if (r.level === 1 || inFile) file = inFile?.[1] ?? (r.text.match(/[\w.-]+\.(?:sql|ddl)/) ?? [r.text])[0];
    else out.push({ file, text: `${r.text} ${r.label}`.trim() });
  }
  return out;
}

export async function waitFor(what, fn, timeoutMs, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await fn();
    if (last && (!Array.isArray(last) || last.length)) return last;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
}
