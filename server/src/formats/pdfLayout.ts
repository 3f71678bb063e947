/**
 * From positioned text runs of a PDF to Markdown: lines, paragraphs, headings by font size, simple tables;
 * repeated page headers and footers and page numbers dropped, hyphenated line breaks joined, clause numbers kept
 * at line starts. Pure: the PDF library only supplies the runs.
 */

/** A run of text on a page: baseline origin (PDF units, y upwards), width and font size. */
export interface TextRun { readonly str: string; readonly x: number; readonly y: number; readonly width: number; readonly size: number }
export interface PageText { readonly runs: readonly TextRun[] }

interface Line { text: string; cells: string[]; readonly y: number; readonly x: number; readonly right: number; readonly size: number; readonly page: number }

/** A line that starts a clause, an item or an annex: it always begins a new paragraph. */
const CLAUSE_START = /^(?:§\s*\d+|\d+(?:\.\d+)*\.?(?=\s)|\(?[a-zA-Z]\)\s|\(\d+\)|[-–•▪]\s|(?:Anlage|Anhang|Annex|Appendix|Schedule|Exhibit|Ziffer|Clause|Section|Article|Artikel|ANLAGE|ANHANG|ANNEX|APPENDIX|SCHEDULE)\s+[\dIVXA-Z]+\b)/u;
const PAGE_NUMBER = /^(?:(?:seite|page|s\.|p\.)\s*)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:\/|von|of)\s*\d{1,4})?$/i;
/** After a hyphen at a line end these words mean an elided compound ("Auftragsverarbeitungs- und …"), not a split word. */
const CONJUNCTION = /^(?:und|oder|bzw\.?|sowie|bis|and|or|to)\b/;

function median(xs: readonly number[]): number {
	if (!xs.length) return 0;
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

/** Group a page's runs into lines (top to bottom), cells split at wide gaps. */
export function pageLines(page: PageText, pageIndex: number): Line[] {
	const runs = page.runs.filter(r => r.str.length > 0).slice().sort((a, b) => b.y - a.y || a.x - b.x);
	const groups: TextRun[][] = [];
	for (const r of runs) {
		const g = groups.find(l => Math.abs(l[0].y - r.y) < Math.max(2, 0.5 * Math.min(l[0].size || r.size, r.size || l[0].size)));
		if (g) g.push(r); else groups.push([r]);
	}
	groups.sort((a, b) => b[0].y - a[0].y);
	const lines: Line[] = [];
	for (const g of groups) {
		g.sort((a, b) => a.x - b.x);
		const size = Math.max(...g.map(r => r.size));
		const cells: string[] = [''];
		let end = g[0].x;
		for (const r of g) {
			const gap = r.x - end;
			const cell = cells.length - 1;
			if (cells[cell] && gap > 2.5 * size) cells.push(r.str.trimStart());
			else if (cells[cell] && gap > 0.15 * size && !/\s$/.test(cells[cell]) && !/^\s/.test(r.str)) cells[cell] += ' ' + r.str;
			else cells[cell] += r.str;
			end = Math.max(end, r.x + r.width);
		}
		const trimmed = cells.map(c => c.replace(/\s+/g, ' ').trim()).filter(Boolean);
		if (!trimmed.length) continue;
		lines.push({ text: trimmed.join(' '), cells: trimmed, y: g[0].y, x: g[0].x, right: end, size, page: pageIndex });
	}
	return lines;
}

/** Lines repeated at the top or bottom of several pages (digits ignored) and page numbers: the page furniture. */
export function furniture(pages: readonly Line[][]): Set<Line> {
	const edge = (lines: readonly Line[]): Line[] => [...lines.slice(0, 2), ...lines.slice(-2)];
	// Page numbers inside a running header vary ("Seite 3 von 7"); a clause that starts a page is never furniture.
	const key = (l: Line): string => (CLAUSE_START.test(l.text) ? `\u0000${l.page}${l.text}` : l.text.replace(/\d+/g, '#').toLowerCase());
	const counts = new Map<string, number>();
	for (const lines of pages) for (const k of new Set(edge(lines).map(key))) counts.set(k, (counts.get(k) ?? 0) + 1);
	const drop = new Set<Line>();
	for (const lines of pages) {
		for (const l of edge(lines)) {
			const n = counts.get(key(l)) ?? 0;
			if (PAGE_NUMBER.test(l.text) || (pages.length > 1 && n >= 2 && n >= pages.length / 2)) drop.add(l);
		}
	}
	return drop;
}

/** Join a wrapped line to the text before it: a word split by a hyphen is joined, other lines with a space. */
export function joinLines(before: string, next: string): string {
	if (/\u00AD$/.test(before)) return before.slice(0, -1) + next;
	if (/\p{Ll}-$/u.test(before) && /^\p{Ll}/u.test(next) && !CONJUNCTION.test(next)) return before.slice(0, -1) + next;
	// A hyphenated compound broken after its hyphen ("Zwei-" / "Faktor-Anmeldung") keeps the hyphen and no space.
	if (/\p{L}-$/u.test(before) && /^\p{Lu}\p{Ll}/u.test(next)) return before + next;
	return `${before} ${next}`;
}

/** Markdown from the text of all pages; `dropped` counts the header, footer and page-number lines left out. */
export function layoutPages(pages: readonly PageText[]): { text: string; dropped: number } {
	const perPage = pages.map((p, i) => pageLines(p, i));
	const drop = furniture(perPage);
	const lines = perPage.flat().filter(l => !drop.has(l));
	// The body font size: the size most characters are set in.
	const bySize = new Map<number, number>();
	for (const l of lines) bySize.set(Math.round(l.size * 2) / 2, (bySize.get(Math.round(l.size * 2) / 2) ?? 0) + l.text.length);
	const body = [...bySize.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
	const headingSizes = [...bySize.keys()].filter(s => s >= body * 1.15).sort((a, b) => b - a);
	const spacing = median(lines.slice(1).filter((l, i) => l.page === lines[i].page && Math.abs(l.size - body) < 0.5).map((l, i) => lines[i].y - l.y).filter(d => d > 0));
	const leftEdge = median(lines.map(l => l.x));
	const rightEdge = Math.max(...lines.map(l => l.right));
	// A number at a line start begins a clause when the line before ended its sentence or stopped short of the margin;
	// otherwise it is a reference wrapped to the next line ("… listed in / Schedule 4.").
	const startsClause = (l: Line, before: Line | undefined): boolean => CLAUSE_START.test(l.text)
		&& (!before || before.page !== l.page || /[.:;!?)]$/.test(before.text) || before.right < rightEdge - 4 * body || before.size !== l.size);

	const paragraphs: { lines: Line[]; heading: number; table: boolean }[] = [];
	let prev: Line | undefined;
	for (const l of lines) {
		const heading = l.size >= body * 1.15 ? Math.min(6, headingSizes.indexOf(Math.round(l.size * 2) / 2) + 1) || 1 : 0;
		const current = paragraphs[paragraphs.length - 1];
		let fresh = !current || heading !== current.heading || startsClause(l, prev) || l.cells.length > 1 || current.table;
		if (!fresh && prev) {
			if (prev.page === l.page) fresh = prev.y - l.y > spacing * 1.45 || (l.x > leftEdge + body * 2 && prev.x <= leftEdge + 1 && /[.:;]$/.test(prev.text));
			else fresh = /[.:;!?]$/.test(prev.text) && !/^\p{Ll}/u.test(l.text);
		}
		if (fresh) paragraphs.push({ lines: [l], heading, table: l.cells.length > 1 });
		else current!.lines.push(l);
		prev = l;
	}
	const out: string[] = [];
	for (let i = 0; i < paragraphs.length; i++) {
		const p = paragraphs[i];
		if (p.table) {
			// Consecutive lines with the same number of cells form a table; the first is its header.
			const rows = [p];
			while (paragraphs[i + 1]?.table && paragraphs[i + 1].lines[0].cells.length === p.lines[0].cells.length) rows.push(paragraphs[++i]);
			const cells = rows.map(r => r.lines[0].cells.map(c => c.replace(/\|/g, '\\|')));
			if (rows.length > 1) {
				out.push([cells[0], cells[0].map(() => '---'), ...cells.slice(1)].map(r => `| ${r.join(' | ')} |`).join('\n'));
				continue;
			}
			out.push(cells[0].join(' '));
			continue;
		}
		const text = p.lines.map(l => l.text).reduce(joinLines).replace(/^[•▪]\s/, '- ');
		out.push(p.heading ? `${'#'.repeat(p.heading)} ${text}` : text);
	}
	return { text: out.join('\n\n') + '\n', dropped: drop.size };
}
