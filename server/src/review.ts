import * as fs from 'node:fs';
import * as path from 'node:path';
import { ResponseError, type Connection } from 'vscode-languageserver';
import type { Analysis } from './analysis';
import { ConversionError, conversionNote, convertedMarkdown, readConverted, type Converted } from './formats';
import { reviewReport } from './report';
import { uriToPath } from './settings';
import { CONVERT_REQUEST, REPORT_REQUEST, type ConvertParams, type ConvertResult, type ReportParams, type ReportResult } from './reviewProtocol';

const filePath = uriToPath;

/** The Word or PDF file a converted view came from (front-matter `source`, beside the view), converted again for the report. */
async function sourceOf(analysis: Analysis, file: string | undefined): Promise<{ file: string; converted?: Converted }> {
	const source = analysis.result.doc.frontMatter.data.source;
	if (file && typeof source === 'string' && /\.(docx|pdf)$/i.test(source)) {
		const original = path.join(path.dirname(file), path.basename(source));
		try {
			return { file: original, converted: await readConverted(original) };
		} catch { /* the original moved or changed: report on the view */ }
	}
	return { file: file ?? analysis.document.uri };
}

/** Register the review requests: convert a Word or PDF draft for the editor, and the HTML report of an open draft. */
export function registerReview(connection: Connection, analysisOf: (uri: string) => Promise<Analysis | undefined>): void {
	connection.onRequest(CONVERT_REQUEST, async (params: ConvertParams): Promise<ConvertResult> => {
		const file = filePath(params.uri);
		if (!file) throw new ResponseError(1, 'only files on disk can be converted');
		try {
			const converted = await readConverted(file);
			return { text: convertedMarkdown(converted, path.basename(file)), note: conversionNote(converted, params.lang ?? 'en') };
		} catch (e) {
			throw new ResponseError(1, `${path.basename(file)}: ${e instanceof ConversionError || e instanceof Error ? e.message : String(e)}`);
		}
	});
	connection.onRequest(REPORT_REQUEST, async (params: ReportParams): Promise<ReportResult | null> => {
		const analysis = await analysisOf(params.uri);
		if (!analysis) return null;
		const file = filePath(params.uri);
		const source = await sourceOf(analysis, file);
		let modified: Date | undefined;
		try { modified = fs.statSync(source.file).mtime; } catch { modified = undefined; }
		const html = reviewReport([{ file: source.file, result: analysis.result, converted: source.converted, modified }], { lang: analysis.lang });
		return { html, name: path.basename(source.file) };
	});
}
