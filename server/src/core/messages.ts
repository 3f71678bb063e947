import type { Catalogue } from './catalogue';
import { interpolate } from './text';
import type { Finding, Fix, Lang, Severity, Span } from './types';

/** Builds localized findings for one document. */
export class Reporter {
	readonly findings: Finding[] = [];
	constructor(private readonly cat: Catalogue, readonly lang: Lang) {}

	/** The message `key` of `rule` in the reporter's language, with placeholders filled. */
	text(rule: string, key: string, values: Readonly<Record<string, string | number>> = {}): string {
		const spec = this.cat.rules.get(rule);
		const m = spec?.messages[key] ?? spec?.messages.default;
		return m ? interpolate(m[this.lang], values) : rule;
	}

	/** Record a finding of `rule`. */
	report(rule: string, span: Span, key: string, values: Readonly<Record<string, string | number>>, extra: {
		severity?: Severity; requirement?: string; related?: Finding['related']; fixes?: Fix[];
	} = {}): void {
		const spec = this.cat.rules.get(rule);
		this.findings.push({
			rule, span, severity: extra.severity ?? spec?.severity ?? 'warning', message: this.text(rule, key, values),
			requirement: extra.requirement, docs: `${this.cat.docsBase}#${rule}`, related: extra.related ?? [], fixes: extra.fixes ?? [],
		});
	}
}
