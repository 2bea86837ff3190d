// Builds what the browser loads: public/js/*.ts → public/build/*.js (esbuild), and a fonts.css
// with @font-face rules for bootstrap-italia's fonts (its loadFonts() injects an inline <style>,
// which our Content-Security-Policy forbids).
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'public', 'build');
await mkdir(out, { recursive: true });

const entries = (await readdir(path.join(root, 'public', 'js'))).filter((f) => f.endsWith('.ts'));
await build({
  entryPoints: entries.map((f) => path.join(root, 'public', 'js', f)),
  outdir: out,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
});

const fontsDir = path.join(root, 'node_modules', 'bootstrap-italia', 'dist', 'fonts');
const families = { Titillium_Web: 'Titillium Web', Roboto_Mono: 'Roboto Mono', Lora: 'Lora' };
const rules = [];
for (const [dir, family] of Object.entries(families)) {
  for (const file of (await readdir(path.join(fontsDir, dir))).filter((f) => f.endsWith('.woff2')).sort()) {
    const variant = /latin-(\d+)?(italic|regular)?\.woff2$/.exec(file);
    const weight = variant?.[1] ?? '400';
    const style = variant?.[2] === 'italic' ? 'italic' : 'normal';
    rules.push(
      `@font-face{font-family:'${family}';font-style:${style};font-weight:${weight};font-display:swap;` +
        `src:url('/bootstrap-italia/dist/fonts/${dir}/${file}') format('woff2')}`,
    );
  }
}
await writeFile(path.join(out, 'fonts.css'), rules.join('\n') + '\n');
