// A QR code drawn as inline SVG (qrcode-generator: no canvas, prints sharply).
import qrcode from 'qrcode-generator'
import { useMemo } from 'react'

export function QrCode({ text, label }: { text: string; label: string }) {
  const svg = useMemo(() => {
    const qr = qrcode(0, 'M')
    qr.addData(text)
    qr.make()
    return qr.createSvgTag({ cellSize: 4, margin: 2, scalable: true })
  }, [text])
  return <div className="slip-qr" role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} />
}
