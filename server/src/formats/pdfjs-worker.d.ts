/** The worker module of pdfjs-dist's legacy build ships no types; we only hand it to pdfjs as `globalThis.pdfjsWorker`. */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
	export const WorkerMessageHandler: unknown;
}
