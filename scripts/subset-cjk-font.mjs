// Builds assets/fonts/NotoSansSC-GB2312.ttf, the CJK font the server draws report charts with (resvg has no system
// fonts to fall back on): Noto Sans SC Regular (SIL OFL 1.1, from @expo-google-fonts/noto-sans-sc 0.4.3, 10.5 MB)
// cut down to ASCII, the 6763 hanzi and the symbols of GB 2312, CJK punctuation and full-width forms (about 2.5 MB).
// Run again only to change the character set: node scripts/subset-cjk-font.mjs <NotoSansSC_400Regular.ttf>
import { readFileSync, writeFileSync } from 'node:fs'
import subsetFont from 'subset-font'

const source = process.argv[2]
if (!source) { console.error('usage: node scripts/subset-cjk-font.mjs NotoSansSC_400Regular.ttf'); process.exit(2) }
const gb = new TextDecoder('gbk')
let text = ''
for (let c = 0x20; c < 0x7f; c++) text += String.fromCharCode(c)
for (let hi = 0xa1; hi <= 0xf7; hi++) for (let lo = 0xa1; lo <= 0xfe; lo++) text += gb.decode(Uint8Array.of(hi, lo))
for (let c = 0x3000; c <= 0x303f; c++) text += String.fromCharCode(c)
for (let c = 0xff00; c <= 0xffef; c++) text += String.fromCharCode(c)
text += '·—‘’“”…‰℃№←↑→↓√∞≤≥①②③④⑤⑥⑦⑧⑨⑩〇'
const out = await subsetFont(readFileSync(source), [...new Set(text.replace(/\uFFFD/g, ''))].join(''), { targetFormat: 'truetype' })
writeFileSync(new URL('../assets/fonts/NotoSansSC-GB2312.ttf', import.meta.url), out)
console.log(`wrote ${out.length} bytes`)
