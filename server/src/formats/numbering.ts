import { DOMParser, XMLSerializer } from '@xmldom/xmldom';

type XmlDocument = Document;
type XmlElement = Element;

/**
 * Word keeps automatic numbering ("1.1", "§ 3", "(a)") in numbering.xml, not in the text. This module computes the
 * number of every numbered paragraph of document.xml and writes it into the paragraph as a literal run, so that the
 * converted text carries the numbers the reader sees in Word and clause references resolve.
 */

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** One level of an abstract numbering definition. */
interface Level { readonly start: number; readonly format: string; readonly text: string; readonly suffix: 'tab' | 'space' | 'nothing'; readonly restart?: number; readonly legal: boolean }
/** A numbering instance (`w:num`): its abstract definition and level overrides. */
interface Num { readonly abstractId: string; readonly startOverrides: ReadonlyMap<number, number> }

export interface NumberingDefinitions {
	readonly abstracts: ReadonlyMap<string, ReadonlyMap<number, Level>>;
	readonly nums: ReadonlyMap<string, Num>;
	/** Paragraph style → numbering it carries (`w:style/w:pPr/w:numPr`), and the style it is based on. */
	readonly styles: ReadonlyMap<string, { readonly numId?: string; readonly ilvl?: number; readonly basedOn?: string }>;
}

function children(el: XmlElement, name: string): XmlElement[] {
	const out: XmlElement[] = [];
	for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1 && (n as XmlElement).localName === name && (n as XmlElement).namespaceURI === W) out.push(n as XmlElement);
	return out;
}
const child = (el: XmlElement | undefined, name: string): XmlElement | undefined => (el ? children(el, name)[0] : undefined);
const val = (el: XmlElement | undefined): string | undefined => el?.getAttributeNS(W, 'val') || undefined;

export function parseXml(xml: string): XmlDocument {
	let failed: string | undefined;
	const doc = new DOMParser({ errorHandler: { error: (m: string) => { failed ??= m; }, fatalError: (m: string) => { failed ??= m; }, warning: () => undefined } }).parseFromString(xml, 'text/xml');
	if (failed || !doc.documentElement) throw new Error(`malformed XML (${(failed ?? 'no root element').split('\n')[0]})`);
	return doc;
}

export function serializeXml(doc: XmlDocument): string {
	return new XMLSerializer().serializeToString(doc);
}

/** Read numbering.xml and styles.xml (either may be absent). */
export function readNumbering(numberingXml: string | undefined, stylesXml: string | undefined): NumberingDefinitions {
	const abstracts = new Map<string, Map<number, Level>>();
	const nums = new Map<string, Num>();
	const styles = new Map<string, { numId?: string; ilvl?: number; basedOn?: string }>();
	if (numberingXml) {
		const root = parseXml(numberingXml).documentElement!;
		for (const a of children(root, 'abstractNum')) {
			const levels = new Map<number, Level>();
			for (const l of children(a, 'lvl')) {
				const ilvl = Number(l.getAttributeNS(W, 'ilvl') || 0);
				const restart = val(child(l, 'lvlRestart'));
				levels.set(ilvl, {
					start: Number(val(child(l, 'start')) ?? 1), format: val(child(l, 'numFmt')) ?? 'decimal',
					text: child(l, 'lvlText')?.getAttributeNS(W, 'val') ?? '', suffix: (val(child(l, 'suff')) as Level['suffix'] | undefined) ?? 'tab',
					restart: restart === undefined ? undefined : Number(restart), legal: !!child(l, 'isLgl'),
				});
			}
			abstracts.set(a.getAttributeNS(W, 'abstractNumId') ?? '', levels);
		}
		for (const n of children(root, 'num')) {
			const startOverrides = new Map<number, number>();
			for (const o of children(n, 'lvlOverride')) {
				const start = val(child(o, 'startOverride'));
				if (start !== undefined) startOverrides.set(Number(o.getAttributeNS(W, 'ilvl') || 0), Number(start));
			}
			nums.set(n.getAttributeNS(W, 'numId') ?? '', { abstractId: val(child(n, 'abstractNumId')) ?? '', startOverrides });
		}
	}
	if (stylesXml) {
		const root = parseXml(stylesXml).documentElement!;
		for (const s of children(root, 'style')) {
			if (s.getAttributeNS(W, 'type') !== 'paragraph') continue;
			const numPr = child(child(s, 'pPr'), 'numPr');
			const ilvl = val(child(numPr, 'ilvl'));
			styles.set(s.getAttributeNS(W, 'styleId') ?? '', { numId: val(child(numPr, 'numId')), ilvl: ilvl === undefined ? undefined : Number(ilvl), basedOn: val(child(s, 'basedOn')) });
		}
	}
	return { abstracts, nums, styles };
}

const ROMAN: readonly [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
function roman(n: number): string {
	let out = '';
	for (const [v, s] of ROMAN) while (n >= v) { out += s; n -= v; }
	return out;
}
function letters(n: number): string {
	// Word repeats the letter after z: aa, bb, …
	const i = (n - 1) % 26, times = Math.floor((n - 1) / 26) + 1;
	return String.fromCharCode(97 + i).repeat(times);
}

/** One counter value in a Word number format. */
export function formatNumber(n: number, format: string): string {
	switch (format) {
		case 'lowerLetter': return letters(n);
		case 'upperLetter': return letters(n).toUpperCase();
		case 'lowerRoman': return roman(n);
		case 'upperRoman': return roman(n).toUpperCase();
		case 'decimalZero': return n < 10 ? `0${n}` : String(n);
		case 'none': return '';
		case 'bullet': return '';
		default: return String(n);
	}
}

/** Numbers paragraphs in document order, with Word's counters: one per abstract list and level, reset below a higher level. */
export class Numberer {
	readonly #counters = new Map<string, number[]>();
	readonly #started = new Set<string>();

	constructor(private readonly defs: NumberingDefinitions) {}

	/** The numbering of a paragraph: direct `w:numPr`, else its style's (following `basedOn`). */
	resolve(numId: string | undefined, ilvl: number | undefined, styleId: string | undefined): { numId: string; ilvl: number } | undefined {
		if (numId !== undefined) return numId === '0' ? undefined : { numId, ilvl: ilvl ?? 0 };
		for (let s = styleId, depth = 0; s && depth < 10; depth++) {
			const st = this.defs.styles.get(s);
			if (!st) break;
			if (st.numId !== undefined) return st.numId === '0' ? undefined : { numId: st.numId, ilvl: ilvl ?? st.ilvl ?? 0 };
			s = st.basedOn;
		}
		return undefined;
	}

	/** The label of the next paragraph in this list at this level ("1.1", "§ 3", "(a)", "•"), or undefined. */
	next(numId: string, ilvl: number): { label: string; bullet: boolean; suffix: Level['suffix'] } | undefined {
		const num = this.defs.nums.get(numId);
		const levels = num && this.defs.abstracts.get(num.abstractId);
		const level = levels?.get(ilvl);
		if (!num || !levels || !level) return undefined;
		const key = num.abstractId;
		let counters = this.#counters.get(key);
		if (!counters) this.#counters.set(key, counters = []);
		const startOf = (l: number): number => num.startOverrides.get(l) ?? levels.get(l)?.start ?? 1;
		// A numbering instance with start overrides restarts the list the first time it is used.
		if (num.startOverrides.size && !this.#started.has(numId)) {
			this.#started.add(numId);
			for (const l of num.startOverrides.keys()) counters[l] = startOf(l) - 1;
		}
		counters[ilvl] = counters[ilvl] === undefined ? startOf(ilvl) : counters[ilvl] + 1;
		for (let l = ilvl + 1; l < 9; l++) {
			const lower = levels.get(l);
			// `w:lvlRestart` (1-based): restart only after these levels; 0: never.
			if (lower && (lower.restart === undefined || (lower.restart !== 0 && ilvl < lower.restart))) counters[l] = undefined as unknown as number;
		}
		if (level.format === 'bullet') return { label: '-', bullet: true, suffix: level.suffix };
		const label = level.text.replace(/%([1-9])/g, (_, d: string) => {
			const l = Number(d) - 1;
			const lv = levels.get(l);
			const value = counters![l] ?? startOf(l);
			return formatNumber(value, level.legal && l !== ilvl ? 'decimal' : lv?.format ?? 'decimal');
		});
		return { label, bullet: false, suffix: level.suffix };
	}
}

/**
 * Write the automatic numbers into document.xml: each numbered paragraph gets its label as a first text run
 * (and loses its list properties, so the converter sees a plain paragraph). Returns the new XML and the count.
 */
export function renderNumbering(documentXml: string, defs: NumberingDefinitions): { xml: string; numbered: number } {
	const doc = parseXml(documentXml);
	const numberer = new Numberer(defs);
	let numbered = 0;
	const paragraphs = doc.getElementsByTagNameNS(W, 'p');
	for (let i = 0; i < paragraphs.length; i++) {
		const p = paragraphs.item(i)!;
		const pPr = child(p, 'pPr');
		const numPr = child(pPr, 'numPr');
		// A paragraph whose mark and text were deleted in tracked changes takes no number.
		const runs = p.getElementsByTagNameNS(W, 't');
		const deletedMark = !!child(child(pPr, 'rPr'), 'del');
		if (deletedMark && runs.length === 0) continue;
		const ilvl = val(child(numPr, 'ilvl'));
		const where = numberer.resolve(val(child(numPr, 'numId')), ilvl === undefined ? undefined : Number(ilvl), val(child(pPr, 'pStyle')));
		if (!where) continue;
		const next = numberer.next(where.numId, where.ilvl);
		if (!next || (!next.label && !next.bullet)) continue;
		const run = doc.createElementNS(W, 'w:r');
		const t = doc.createElementNS(W, 'w:t');
		t.setAttribute('xml:space', 'preserve');
		t.appendChild(doc.createTextNode(next.label + (next.suffix === 'nothing' ? '' : ' ')));
		run.appendChild(t);
		if (numPr) pPr!.removeChild(numPr);
		else if (pPr) {
			// Numbering from the style: switch it off for this paragraph (numId 0) so the converter sees plain text.
			const off = doc.createElementNS(W, 'w:numPr');
			const id = doc.createElementNS(W, 'w:numId');
			id.setAttributeNS(W, 'w:val', '0');
			off.appendChild(id);
			pPr.appendChild(off);
		}
		p.insertBefore(run, pPr ? pPr.nextSibling : p.firstChild);
		numbered++;
	}
	return { xml: serializeXml(doc), numbered };
}
