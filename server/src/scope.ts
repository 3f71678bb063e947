import { foldText } from './core';
import { isDraft, MAX_DRAFT_BYTES } from './drafts';
import type { Settings } from './settings';

const DPA_TITLE = /auftragsverarbeitung|auftragsdatenverarbeitung|art(?:ikel|\.)?\s*28\b|data processing (?:agreement|addendum|terms)|processing agreement|\bdpa\b/;

/** A plain-text export names an Art. 28 agreement near its start (Word exports carry no front-matter). */
export function looksLikeDpa(text: string): boolean {
	return DPA_TITLE.test(foldText(text.slice(0, 4000)));
}

/** Language of a file on disk, from its name, as the editor would assign it. */
export function languageOf(fileName: string): string {
	return /\.txt$/i.test(fileName) ? 'plaintext' : 'markdown';
}

/**
 * Whether the server lints a document: drafts (front-matter `type: dpa` or `*.dpa.md`), every Markdown file with
 * `dpaLint.lintAllMarkdown`, and plain-text files that read like a DPA.
 */
export function inScope(fileName: string, languageId: string, text: string, settings: Settings): boolean {
	if (!settings.enable || text.length > MAX_DRAFT_BYTES) return false;
	if (isDraft(fileName, text)) return true;
	if (languageId === 'markdown') return settings.lintAllMarkdown;
	// VS Code says "plaintext", Neovim "text".
	return (languageId === 'plaintext' || languageId === 'text') && looksLikeDpa(text);
}
