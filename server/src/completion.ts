import { CompletionItemKind, type CompletionItem, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from './analysis';
import { toRange } from './convert';
import { annexName, completionSite, resolveAnnex, FRONT_MATTER_KEYS, FRONT_MATTER_VALUES, type Annex, type Lang } from './core';

const PERIOD_EXAMPLES: Readonly<Record<Lang, readonly string[]>> = {
	de: ['14 Tage', '30 Tage', '4 Wochen', '1 Monat'],
	en: ['14 days', '30 days', '4 weeks', '1 month'],
};

function annexItems(analysis: Analysis, family: Annex['family'], range: Range): CompletionItem[] {
	const annexes = analysis.result.doc.annexes;
	const seen = new Set<string>();
	return annexes
		.filter(a => resolveAnnex(annexes, family, a.key) === a)
		.filter(a => !seen.has(a.key) && seen.add(a.key))
		.map((a, i) => ({
			label: a.label, kind: CompletionItemKind.Reference, detail: a.title || annexName(a),
			documentation: a.file ? `${annexName(a)} – ${a.title} (${a.file})` : `${annexName(a)} – ${a.title}`,
			sortText: String(i).padStart(4, '0'), filterText: a.label, textEdit: { range, newText: a.label },
		}));
}

function keyItems(present: readonly string[], range: Range, draft: boolean): CompletionItem[] {
	const keys = draft ? Object.keys(FRONT_MATTER_KEYS) : ['type'];
	return keys.filter(k => !present.includes(k)).map(k => ({
		label: k, kind: CompletionItemKind.Property, detail: FRONT_MATTER_KEYS[k] === 'list' ? '[{ id, title, file }]' : (FRONT_MATTER_VALUES[k] ?? []).join(' | '),
		textEdit: { range, newText: FRONT_MATTER_KEYS[k] === 'list' ? `${k}:\n  - id: ` : `${k}: ` },
	}));
}

function valueItems(key: string, range: Range, lang: Lang, draft: boolean): CompletionItem[] {
	if (!draft && key !== 'type') return [];
	const values = FRONT_MATTER_VALUES[key] ?? (key === 'objection_period' || key === 'notice_period' ? PERIOD_EXAMPLES[lang] : []);
	return values.map(v => ({ label: v, kind: CompletionItemKind.Value, textEdit: { range, newText: v } }));
}

/**
 * Completion: defined annexes (label and title) after "Anlage ", "Anhang ", "Annex ", "Schedule ", "Appendix ";
 * front-matter keys and values inside the front-matter (only `type: dpa` while the file is not a draft yet).
 */
export function completionsAt(document: TextDocument, analysis: Analysis | undefined, offset: number): CompletionItem[] {
	const site = completionSite(document.getText(), offset);
	if (!site) return [];
	const range = toRange(document, site.span);
	switch (site.kind) {
		case 'annex': return analysis ? annexItems(analysis, site.family, range) : [];
		case 'front-matter-key': return keyItems(site.present, range, !!analysis);
		case 'front-matter-value': return valueItems(site.key, range, analysis?.lang ?? 'de', !!analysis);
	}
}
