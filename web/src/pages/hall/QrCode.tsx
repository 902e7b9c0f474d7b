// A QR code drawn as inline SVG (the `qrcode` library, as on the notices and slips: no canvas, prints sharply).
import QRCode from 'qrcode'
import { useEffect, useState } from 'react'

export function QrCode({ text, label }: { text: string; label: string }) {
  const [svg, setSvg] = useState('')
  useEffect(() => {
    let live = true
    QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then((s) => { if (live) setSvg(s) }, () => undefined)
    return () => { live = false }
  }, [text])
  return <div className="slip-qr" role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} />
}
