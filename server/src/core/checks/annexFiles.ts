import type { Reporter } from '../messages';
import type { AnnexFileProblem, DpaDocument, Span } from '../types';
import { annexName } from './annexes';

/** The span of the value of the front-matter `file:` entry that names `file` (block or flow style, quoted or not). */
function fileEntrySpan(doc: DpaDocument, file: string): Span | undefined {
	const fm = doc.frontMatter.span;
	if (!fm) return undefined;
	const text = doc.text.slice(fm.start, fm.end);
	const re = /(?:^|[\s{,])["']?file["']?[ \t]*:[ \t]*(["']?)([^\n]*?)\1[ \t]*(?=[,}\n#]|$)/dgm;
	for (let m = re.exec(text); m; m = re.exec(text)) {
		if (m[2] !== file) continue;
		const [start, end] = m.indices![2];
		return { start: fm.start + start, end: fm.start + end };
	}
	return undefined;
}

/** annex-file-invalid: an annex file the host will not read (outside the workspace, missing, a device or FIFO, too large). */
export function checkAnnexFiles(doc: DpaDocument, r: Reporter, problemOf: (file: string) => AnnexFileProblem | undefined): void {
	for (const a of doc.annexes) {
		if (!a.file) continue;
		const problem = problemOf(a.file);
		if (!problem) continue;
		const span = fileEntrySpan(doc, a.file) ?? doc.frontMatter.keys.get('annexes') ?? doc.frontMatter.span ?? a.span;
		r.report('annex-file-invalid', span, problem, { annex: annexName(a), file: a.file });
	}
}
