// The editor test's ER diagram step (issue 12): "normlint: Show ER diagram" opens the webview, the
// diagram shows this file's tables coloured by the normal form they break, a click on a table lands on
// its CREATE TABLE and a click on a column on that column. Saves docs/images/erd.png for the README.
// Called from run.mjs with its step runner and page; needs nothing else from it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closePanel, focusEditor, openFile, runCommand, waitFor } from './lib/workbench.mjs';

export const ERD_FILE = 'shop.sql';
/** A small shop: one table each breaking 1NF, 2NF and 3NF, a one-to-one and a nullable FK. */
const ERD_TEXT = readFileSync(join(import.meta.dirname, '../fixtures/erd-shop.sql'), 'utf8');

/** 1-based line of the first line containing `needle`. */
const lineOf = (needle) => ERD_TEXT.split('\n').findIndex((l) => l.includes(needle)) + 1;

/** The cursor line the status bar shows ("Ln 18, Col 14"). */
async function cursorLine(page) {
  const text = await page.locator('.statusbar-item[id="status.editor.selection"]').first().textContent().catch(() => '');
  return Number(/Ln (\d+)/.exec(text ?? '')?.[1] ?? 0);
}

/** The diagram's document: VS Code puts a webview in an iframe holding another (#active-frame). */
const diagramFrame = (page) => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

export async function erdSteps({ page, step, screenshot, workspaceDir, wait }) {
  writeFileSync(join(workspaceDir, ERD_FILE), ERD_TEXT);
  await step('"normlint: Show ER diagram": a click on a table or column lands on its declaration', async () => {
    await runCommand(page, 'View: Close All Editors');   // the file beside its diagram, nothing else
    await closePanel(page);
    await openFile(page, ERD_FILE);
    await runCommand(page, 'normlint: Show ER diagram');
    const frame = diagramFrame(page);
    await frame.locator('.erd-entity[data-id="orders"]').waitFor({ state: 'visible', timeout: wait })
      .catch(() => { throw new Error('the ER diagram webview showed no "orders" table'); });
    // this file only: the workspace also holds the other steps' cases
    await frame.locator('#scope').selectOption('file');
    await waitFor('the file-only diagram', async () => (await frame.locator('.erd-entity').count()) === 5, wait)
      .catch(async () => { throw new Error(`the "This file" diagram has ${await frame.locator('.erd-entity').count()} tables, not 5`); });
    const classes = await frame.locator('.erd-entity').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-id')}:${e.getAttribute('class')?.replace('erd-entity ', '')}`));
    for (const want of ['products:nf-1NF', 'order_lines:nf-2NF', 'orders:nf-3NF', 'customers:nf-none']) {
      if (!classes.includes(want)) throw new Error(`expected ${want} among ${classes.join(', ')}`);
    }
    await screenshot('erd.png');

    await frame.locator('.erd-entity[data-id="order_lines"] .erd-title').click();
    const tableLine = lineOf('CREATE TABLE order_lines');
    await waitFor(`the cursor on line ${tableLine} (CREATE TABLE order_lines)`, async () => (await cursorLine(page)) === tableLine, wait);
    const title = await page.title();   // "shop.sql - workspace - code-server": the focused editor's file
    if (!title.startsWith(ERD_FILE)) throw new Error(`the focused editor is "${title}", not ${ERD_FILE}`);

    await frame.locator('.erd-entity[data-id="orders"] .erd-col[data-column="customer_name"]').click();
    const columnLine = lineOf('customer_name TEXT');
    await waitFor(`the cursor on line ${columnLine} (orders.customer_name)`, async () => (await cursorLine(page)) === columnLine, wait);
    await focusEditor(page);
    await runCommand(page, 'View: Close All Editors');
    if (readFileSync(join(workspaceDir, ERD_FILE), 'utf8') !== ERD_TEXT) throw new Error('the diagram changed the file');
    return `${classes.length} tables (${classes.join(', ')}); table click → line ${tableLine}, column click → line ${columnLine}`;
  });
}
