import { LineIndex } from './text';
import type { Finding } from './types';

// One line, no "--" inside the rule list: linear even while a comment is still being typed.
const DIRECTIVE = /<!--[ \t]*dpa-lint-(disable-next-line|disable-line|disable)\b((?:[^>\n-]|-(?!-))*)(?:--[^>\n]*)?-->/g;

/**
 * Drop findings silenced by inline comments:
 * `<!-- dpa-lint-disable-next-line RULE[, RULE] -- reason -->` (the next non-empty line),
 * `<!-- dpa-lint-disable RULE -- reason -->` (the whole file; no rule = all rules).
 */
export function applySuppressions(text: string, findings: readonly Finding[]): Finding[] {
	if (!text.includes('dpa-lint-disable')) return [...findings];
	const lines = new LineIndex(text);
	const fileWide = new Set<string>();
	const byLine = new Map<number, Set<string>>();
	const rawLines = text.split(/\r?\n|\r/);
	for (const m of text.matchAll(DIRECTIVE)) {
		const rules = new Set(m[2].split(/[\s,]+/).filter(Boolean));
		if (!rules.size) rules.add('*');
		if (m[1] === 'disable') { rules.forEach(r => fileWide.add(r)); continue; }
		let line = lines.position(m.index ?? 0).line;
		if (m[1] === 'disable-next-line') {
			line++;
			while (line < rawLines.length && rawLines[line].trim() === '') line++;
		}
		const set = byLine.get(line) ?? new Set<string>();
		rules.forEach(r => set.add(r));
		byLine.set(line, set);
	}
	return findings.filter(f => {
		if (fileWide.has('*') || fileWide.has(f.rule)) return false;
		const set = byLine.get(lines.position(f.span.start).line);
		return !(set && (set.has('*') || set.has(f.rule)));
	});
}
