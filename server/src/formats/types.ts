/** A draft read from Word or PDF as Markdown text. */
export interface Converted {
	readonly text: string;
	readonly format: 'docx' | 'pdf';
	/** Word: tracked changes that were accepted (insertions kept, deletions dropped). */
	readonly trackedChanges?: { readonly insertions: number; readonly deletions: number };
	/** Word: paragraphs whose automatic number was written into the text. */
	readonly numbered?: number;
	/** PDF: pages read, and repeated header/footer lines and page numbers dropped. */
	readonly pages?: number;
	readonly dropped?: number;
}

/** The file cannot be converted; the message is one line a user can act on. */
export class ConversionError extends Error {}
