import { LineIndex } from './text';
import type { Finding } from './types';

// One line, no "--" inside the rule list.
const DIRECTIVE = /<!--[ \t]*dpa-lint-(disable-next-line|disable-line|disable)\b((?:[^>\n-]|-(?!-))*)(?:--[^>\n]*)?-->/y;
const DIRECTIVE_HEAD = /<!--[ \t]*dpa-lint-(?:disable-next-line|disable-line|disable)\b/y;

/**
 * The directives `text.matchAll(DIRECTIVE)` would find, in linear time also while a comment is still being typed:
 * a directive ends at the first ">" or line break after its start, so when one fails there, every comment opened
 * before that point fails too and the search goes on after it.
 */
function* directives(text: string): Generator<RegExpExecArray> {
	for (let at = text.indexOf('<!--'); at >= 0;) {
		DIRECTIVE_HEAD.lastIndex = at;
		if (!DIRECTIVE_HEAD.test(text)) { at = text.indexOf('<!--', at + 1); continue; }
		DIRECTIVE.lastIndex = at;
		const m = DIRECTIVE.exec(text);
		if (m) { yield m; at = text.indexOf('<!--', at + m[0].length); continue; }
		const gt = text.indexOf('>', at), nl = text.indexOf('\n', at);
		const stop = Math.min(gt < 0 ? text.length : gt, nl < 0 ? text.length : nl);
		at = text.indexOf('<!--', stop);
	}
}

/**
 * Drop findings silenced by inline comments:
 * `<!-- dpa-lint-disable-next-line RULE[, RULE] -- reason -->` (the next non-empty line),
 * `<!-- dpa-lint-disable RULE -- reason -->` (the whole file; no rule = all rules).
 */
export function applySuppressions(text: string, findings: readonly Finding[], lines = new LineIndex(text)): Finding[] {
	if (!text.includes('dpa-lint-disable')) return [...findings];
	const fileWide = new Set<string>();
	const byLine = new Map<number, Set<string>>();
	const rawLines = text.split(/\r?\n|\r/);
	// A line silenced from many places is found once: where its next non-empty line is, by line.
	const nextNonEmpty = new Map<number, number>();
	for (const m of directives(text)) {
		const rules = new Set(m[2].split(/[\s,]+/).filter(Boolean));
		if (!rules.size) rules.add('*');
		if (m[1] === 'disable') { rules.forEach(r => fileWide.add(r)); continue; }
		let line = lines.position(m.index ?? 0).line;
		if (m[1] === 'disable-next-line') {
			const from = line;
			line = nextNonEmpty.get(from) ?? from + 1;
			while (line < rawLines.length && rawLines[line].trim() === '') line++;
			nextNonEmpty.set(from, line);
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
