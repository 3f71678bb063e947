import * as yaml from 'js-yaml';
import type { FrontMatter, Span } from './types';

/** Keys the core understands, with the type each must have. */
export const FRONT_MATTER_KEYS: Readonly<Record<string, 'string' | 'list'>> = {
	type: 'string', language: 'string', title: 'string', controller: 'string', processor: 'string',
	subprocessor_authorisation: 'string', objection_period: 'string', notice_period: 'string', annexes: 'list',
};

/** Allowed values of enumerated keys. */
export const FRONT_MATTER_VALUES: Readonly<Record<string, readonly string[]>> = {
	type: ['dpa'], language: ['de', 'en'], subprocessor_authorisation: ['general', 'specific'],
};

/** A sub-processor period the front-matter states: its key, its value as written, and as text to parse ("15 days"). */
export interface FrontMatterPeriod { readonly key: string; readonly shown: string; readonly text: string }

/** Keys with the unit in their name ("subprocessor_objection_days: 15", "widerspruchsfrist_tage: 14"), by role. */
const UNIT_KEYS = {
	'subprocessor-objection': /^(?:sub-?_?processors?[-_]?)?(?:objection(?:[-_]period)?|widerspruchsfrist|einspruchsfrist)[-_](days|weeks|months|tage|wochen|monate)$/i,
	'subprocessor-notice': /^sub-?_?processors?[-_]?(?:notice(?:[-_]period)?|ankuendigungsfrist)[-_](days|weeks|months|tage|wochen|monate)$/i,
} as const;
const CANONICAL = { 'subprocessor-objection': 'objection_period', 'subprocessor-notice': 'notice_period' } as const;
const UNIT_WORDS: Readonly<Record<string, string>> = { tage: 'days', wochen: 'weeks', monate: 'months' };

/**
 * The period of `role` the front-matter states: `objection_period`/`notice_period` as text ("14 Tage"), else a number
 * under a key that names its unit, as drafting templates write it ("subprocessor_objection_days: 15").
 */
export function frontMatterPeriod(data: Readonly<Record<string, unknown>>, role: keyof typeof CANONICAL): FrontMatterPeriod | undefined {
	const key = CANONICAL[role];
	const value = data[key];
	if (typeof value === 'string') return { key, shown: value, text: value };
	for (const [k, v] of Object.entries(data)) {
		const m = UNIT_KEYS[role].exec(k);
		if (!m || !((typeof v === 'number' && Number.isInteger(v) && v > 0) || (typeof v === 'string' && /^\d{1,4}$/.test(v.trim())))) continue;
		const unit = m[1].toLowerCase();
		return { key: k, shown: String(v).trim(), text: `${String(v).trim()} ${UNIT_WORDS[unit] ?? unit}` };
	}
	return undefined;
}

/**
 * Parse the YAML between the `---` fences. `content` is the YAML text, `contentStart` its offset in the document,
 * `span` the whole block. Dates stay strings (CORE_SCHEMA); a syntax error becomes `error` at the exact place.
 */
export function parseFrontMatter(content: string, contentStart: number, span: Span): FrontMatter {
	const keys = new Map<string, Span>();
	// Top-level key spans, read line by line so they exist even when the YAML is broken.
	const re = /^(["']?)([A-Za-z_][\w-]*)\1[ \t]*:[ \t]*(.*)$/gm;
	for (let m = re.exec(content); m; m = re.exec(content)) {
		const valueStart = m.index + m[0].length - m[3].length;
		const value = m[3].replace(/\s+$/, '');
		const start = contentStart + (value ? valueStart : m.index);
		const end = contentStart + (value ? valueStart + value.length : m.index + m[1].length + m[2].length);
		keys.set(m[2], { start, end });
	}
	try {
		const data = yaml.load(content, { schema: yaml.CORE_SCHEMA, json: true });
		if (data === undefined || data === null) return { data: {}, span, keys };
		if (typeof data !== 'object' || Array.isArray(data)) {
			return { data: {}, span, keys, error: { message: 'front-matter is not a mapping of keys to values', span } };
		}
		// Every key has a place to report at, also when written in flow style ({ type: dpa }).
		for (const k of Object.keys(data)) if (!keys.has(k)) keys.set(k, span);
		return { data: data as Record<string, unknown>, span, keys };
	} catch (e) {
		const err = e as yaml.YAMLException;
		let pos = Math.min(content.length, Math.max(0, err.mark?.position ?? 0));
		// "Unexpected end of the stream" points past the last line: show it where the quote or bracket was opened.
		if (content.slice(pos).trim() === '') {
			pos = Math.max(0, content.trimEnd().length - 1);
			const opener = /quoted scalar/.test(err.reason ?? '') ? /^[^#\n]*:\s*["'][^"'\n]*$/m : /flow collection/.test(err.reason ?? '') ? /^[^#\n]*:\s*[[{][^\]}\n]*$/m : undefined;
			const m = opener?.exec(content);
			if (m) pos = m.index;
		}
		let lineEnd = content.indexOf('\n', pos);
		if (lineEnd < 0) lineEnd = content.length;
		let lineStart = content.lastIndexOf('\n', Math.max(0, pos - 1)) + 1;
		if (lineStart > pos) lineStart = pos;
		const errSpan = { start: contentStart + lineStart, end: contentStart + Math.max(lineEnd, lineStart + 1) };
		return { data: {}, span, keys, error: { message: err.reason || err.message.split('\n')[0], span: errSpan } };
	}
}

/** Find a leading front-matter block without a Markdown parser (used for plain-text drafts). */
export function locateFrontMatter(text: string): { content: string; contentStart: number; span: Span } | undefined {
	const m = /^---[ \t]*\r?\n/.exec(text);
	if (!m) return undefined;
	const close = /^(?:---|\.\.\.)[ \t]*$/m;
	const rest = text.slice(m[0].length);
	const c = close.exec(rest);
	if (!c) return undefined;
	const contentStart = m[0].length;
	const end = contentStart + c.index + c[0].length;
	return { content: rest.slice(0, c.index), contentStart, span: { start: 0, end } };
}
