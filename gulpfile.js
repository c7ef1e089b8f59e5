const path = require('path');
const { task, src, dest, parallel } = require('gulp');

function copyIcons() {
	return src(path.resolve('icons', '*.svg'), { encoding: false }).pipe(
		dest(path.resolve('dist', 'icons')),
	);
}

function copyCodex() {
	return src('nodes/**/*.node.json', { base: '.' }).pipe(dest(path.resolve('dist')));
}

// The output schemas n8n's editor shows before the first run (written by `npm run schemas`).
function copySchemas() {
	return src('nodes/*/__schema__/**/*.json', { base: '.' }).pipe(dest(path.resolve('dist')));
}

task('build:assets', parallel(copyIcons, copyCodex, copySchemas));
