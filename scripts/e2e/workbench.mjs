// What a user does in the VS Code workbench (code-server in Chromium), as playwright-core calls.
// Every wait is on what the page shows (locators, waitForFunction, polling the DOM), never a fixed sleep.

const POLL_MS = 200;

export class Workbench {
	/** @param {import('playwright-core').Page} page */
	constructor(page) { this.page = page; }

	async ready(files) {
		const { page } = this;
		await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
		for (const f of files) {
			await page.locator('.explorer-folders-view .monaco-list-row', { hasText: f }).first().waitFor({ timeout: 60000 });
		}
	}

	async quickInput() {
		const w = this.page.locator('.quick-input-widget');
		await w.waitFor({ state: 'visible', timeout: 10000 });
		return w;
	}

	/** Opens a workspace file by double-clicking it in the Explorer (opens it pinned, focus in the editor). */
	async openFile(name) {
		const { page } = this;
		await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().dblclick();
		await page.locator('.tabs-container .tab.active', { hasText: name }).first().waitFor({ timeout: 15000 });
		await page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ timeout: 15000 });
	}

	async runCommand(label) {
		const { page } = this;
		await page.keyboard.press('F1');
		const qi = await this.quickInput();
		await page.keyboard.type(label);
		const row = qi.locator('.monaco-list-row').filter({ hasText: label }).first();
		await row.waitFor({ timeout: 15000 });
		await row.click();
		// The palette closes, or the command opens a quick pick of its own (the input no longer starts with ">").
		await page.waitForFunction(() => {
			const w = document.querySelector('.quick-input-widget:not(.quick-input-widget-closing)');
			const input = w?.querySelector('input');
			return !w || getComputedStyle(w).display === 'none' || (input && !input.value.startsWith('>'));
		}, undefined, { timeout: 10000, polling: POLL_MS });
	}

	async focusEditor() {
		const { page } = this;
		await page.keyboard.press('Control+1');
		await page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ timeout: 10000 });
	}

	async ensureProblemsPanel() {
		const panel = this.page.locator('.markers-panel');
		if (await panel.isVisible()) return;
		await this.runCommand('View: Focus Problems');
		await panel.waitFor({ state: 'visible', timeout: 10000 });
	}

	/** The markers the Problems panel lists under `file`: { severity, message, source, code, line, col }. */
	async problems(file) {
		await this.ensureProblemsPanel();
		// The list is virtual (rows out of view are not in the DOM): filter it to the one file.
		const filter = this.page.locator('.viewpane-filter .monaco-inputbox input').first();
		if (await filter.inputValue() !== `**/${file}`) await filter.fill(`**/${file}`);
		return this.page.evaluate(file => {
			const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')]
				.sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
			const out = [];
			let current = null;
			for (const r of rows) {
				const res = r.querySelector('.resource-label-container .label-name');
				if (res) { current = res.textContent.trim(); continue; }
				if (current !== file) continue;
				// rows without a severity icon are a marker's related information ("abweichende Angabe: …")
				if (!r.querySelector('.marker-icon')) continue;
				const text = sel => r.querySelector(sel)?.textContent.trim() ?? '';
				const icon = r.querySelector('.marker-icon');
				const pos = /Ln (\d+), Col (\d+)/.exec(text('.marker-line')) ?? [];
				out.push({
					severity: ['error', 'warning', 'info'].find(s => icon?.classList.contains(s)) ?? 'hint',
					message: text('.marker-message'), source: text('.marker-source'), code: text('.marker-code').replace(/^\(|\)$/g, ''),
					line: Number(pos[1]), col: Number(pos[2]),
				});
			}
			return out;
		}, file);
	}

	/** Polls the Problems panel until pred(markers); abort() may throw early (e.g. the server is known dead). */
	async waitForProblems(file, pred, timeoutMs, abort = () => {}) {
		const end = Date.now() + timeoutMs;
		let last = [];
		for (;;) {
			last = await this.problems(file);
			if (pred(last)) return last;
			abort();
			if (Date.now() > end) {
				throw new Error(`Problems panel for ${file} did not reach the expected state within ${timeoutMs / 1000}s; it shows ${last.length}:\n` +
					last.map(m => `  ${m.severity} ${m.code} [${m.line}:${m.col}] ${m.message}`).join('\n'));
			}
			await this.page.waitForTimeout(POLL_MS);
		}
	}

	async waitForSquiggles(min) {
		await this.page.waitForFunction(min => document.querySelectorAll(
			'.editor-group-container.active .monaco-editor .view-overlays [class*="squiggly-"]').length >= min, min, { timeout: 15000, polling: POLL_MS });
	}

	async gotoLine(line, col) {
		const { page } = this;
		await page.keyboard.press('Control+G');
		await this.quickInput();
		await page.keyboard.type(col ? `${line}:${col}` : String(line));
		await page.keyboard.press('Enter');
		await this.waitForSelection(line, col);
	}

	/** Waits until the status bar shows the cursor on `line` (and `col`). */
	async waitForSelection(line, col, timeout = 15000) {
		await this.page.waitForFunction(([line, col]) => {
			const t = document.querySelector('[id="status.editor.selection"]')?.textContent ?? '';
			const m = /Ln (\d+), Col (\d+)/.exec(t);
			return m && Number(m[1]) === line && (!col || Number(m[2]) === col);
		}, [line, col], { timeout, polling: POLL_MS }).catch(async e => {
			const t = await this.page.locator('[id="status.editor.selection"]').textContent().catch(() => '?');
			throw new Error(`cursor not at line ${line}${col ? `, column ${col}` : ''}: the status bar shows "${t}" (${e.message.split('\n')[0]})`);
		});
	}

	async waitForStatus(re, timeout = 15000) {
		await this.page.waitForFunction(([src, flags]) => new RegExp(src, flags).test(
			document.querySelector('[id="workbench.parts.statusbar"]')?.textContent ?? ''), [re.source, re.flags], { timeout, polling: POLL_MS })
			.catch(async e => {
				const t = await this.page.locator('[id="workbench.parts.statusbar"]').innerText().catch(() => '?');
				throw new Error(`status bar does not show ${re}: it shows "${t.replace(/\s+/g, ' ')}" (${e.message.split('\n')[0]})`);
			});
	}

	/** Ctrl+. on the cursor position, then picks the action titled `title` from the quick-fix menu. */
	async quickFix(title, onMenu = async () => {}) {
		const { page } = this;
		// The lightbulb (in the gutter, or as a widget over the text) shows once the code actions are known.
		await page.locator('.editor-group-container.active .monaco-editor :is(.lightBulbWidget, [class*="codicon-gutter-lightbulb"]) >> visible=true').first()
			.waitFor({ state: 'visible', timeout: 15000 })
			.catch(e => { throw new Error(`no lightbulb at the cursor (${e.message.split('\n')[0]})`); });
		const widget = page.locator('.action-widget:not(.action-list-submenu-panel)').first();
		for (let attempt = 1; ; attempt++) {
			await page.keyboard.press('Control+.');
			try {
				await widget.waitFor({ state: 'visible', timeout: 5000 });
				break;
			} catch (e) {
				// "No code actions available" while they were still being computed: ask again, as a user would
				if (attempt === 3) throw new Error(`Ctrl+. opened no quick-fix menu (3 tries; ${e.message.split('\n')[0]})`);
				await page.keyboard.press('Escape');
			}
		}
		const item = widget.locator('.monaco-list-row', { hasText: title }).first();
		await item.waitFor({ timeout: 10000 }).catch(async e => {
			const offered = await widget.innerText().catch(() => '?');
			throw new Error(`quick-fix menu does not offer "${title}"; it offers:\n${offered}\n${e.message.split('\n')[0]}`);
		});
		await onMenu();
		await item.click();
		await widget.waitFor({ state: 'hidden', timeout: 10000 });
	}

	async save() {
		const { page } = this;
		await page.keyboard.press('Control+S');
		await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 10000 });
	}

	async type(text) { await this.page.keyboard.type(text); }

	/** Types `prefix` and returns the labels the suggest widget offers (Ctrl+Space if it does not open by itself). */
	async suggest(prefix) {
		const { page } = this;
		await page.keyboard.type(prefix);
		const rows = page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
		try {
			await rows.first().waitFor({ timeout: 3000 });
		} catch {
			await page.keyboard.press('Control+Space');
			await rows.first().waitFor({ timeout: 10000 });
		}
		return page.locator('.editor-widget.suggest-widget.visible .monaco-list-row .label-name').allTextContents()
			.then(ls => ls.map(l => l.trim()));
	}

	/** Narrows the open suggest list by typing `more` and accepts the entry labelled `label`. */
	async acceptSuggestion(label, more) {
		const { page } = this;
		if (more) await page.keyboard.type(more);
		const row = page.locator('.editor-widget.suggest-widget.visible .monaco-list-row')
			.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${label.replace(/[-]/g, '\\-')}\\s*$`) }) }).first();
		await row.waitFor({ timeout: 10000 });
		await row.click();
		await page.locator('.editor-widget.suggest-widget.visible').waitFor({ state: 'detached', timeout: 10000 })
			.catch(() => page.locator('.editor-widget.suggest-widget.visible').waitFor({ state: 'hidden', timeout: 1000 }));
	}

	/** Waits until the visible lines of the active editor contain `text`. */
	async waitForEditorText(text, timeout = 10000) {
		await this.page.waitForFunction(text => {
			const el = document.querySelector('.editor-group-container.active .monaco-editor .view-lines');
			return !!el && el.textContent.replace(/\u00a0/g, ' ').includes(text);
		}, text, { timeout, polling: POLL_MS }).catch(e => {
			throw new Error(`the editor does not show "${text}" (${e.message.split('\n')[0]})`);
		});
	}

	/** Waits until the page (or one of its frames, e.g. a webview) shows all of `texts`. */
	async waitForCoverage(texts, timeoutMs) {
		const end = Date.now() + timeoutMs;
		for (;;) {
			for (const frame of this.page.frames()) {
				const body = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
				const norm = body.replace(/\u00a0/g, ' ');
				if (texts.every(t => norm.includes(t))) return frame;
			}
			if (Date.now() > end) throw new Error(`no view shows the coverage (${texts.join(', ')}) within ${timeoutMs / 1000}s`);
			await this.page.waitForTimeout(POLL_MS);
		}
	}
}
