// Runs the extension-host suite in a desktop VS Code via @vscode/test-electron:
//   VSCODE_EXECUTABLE_PATH=/path/to/code npm run test:vscode
// Without VSCODE_EXECUTABLE_PATH, @vscode/test-electron downloads VS Code (VSCODE_VERSION, default "stable"),
// which only works on machines that can reach VS Code's download servers. The same suite runs in CI inside
// code-server's extension host (scripts/e2e/run.mjs, step "extension-host-suite").
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

async function main(): Promise<void> {
	const root = path.resolve(__dirname, '..', '..');
	const tmp = mkdtempSync(path.join(os.tmpdir(), 'dpa-lint-vscode-'));
	const workspace = path.join(tmp, 'workspace');
	cpSync(path.join(root, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
	try {
		await runTests({
			vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
			version: process.env.VSCODE_VERSION || undefined,
			extensionDevelopmentPath: root,
			extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
			extensionTestsEnv: { DPA_WORKSPACE: workspace },
			launchArgs: [workspace, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
				'--user-data-dir', path.join(tmp, 'user-data'), '--extensions-dir', path.join(tmp, 'extensions')],
		});
	} finally {
		rmSync(tmp, { recursive: true, force: true });
	}
}

main().catch(err => {
	console.error('test:vscode failed:', err);
	process.exit(1);
});
