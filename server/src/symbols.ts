import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { Analysis } from './analysis';
import { toRange } from './convert';
import { outline, type OutlineNode } from './core';

function toSymbol(analysis: Analysis, node: OutlineNode): DocumentSymbol {
	return {
		name: node.name, detail: node.detail,
		kind: node.kind === 'annex' ? SymbolKind.Module : SymbolKind.String,
		range: toRange(analysis.document, node.span), selectionRange: toRange(analysis.document, node.selectionSpan),
		children: node.children.map(c => toSymbol(analysis, c)),
	};
}

/** Document symbols: the clause tree of the contract, then the annexes with their clauses (the Outline view). */
export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
	return outline(analysis.result.doc).map(n => toSymbol(analysis, n));
}
