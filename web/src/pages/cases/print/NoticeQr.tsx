// The QR code on every printed notice: it opens the public progress page for this number and query code, at the
// district's public address (PUBLIC_URL).
import QRCode from 'qrcode'
import { useEffect, useState } from 'react'
import { t } from '../../../i18n'
import { progressUrl } from '../caseTypes'
import { usePublicOrigin } from '../../../lib/publicOrigin'

export function NoticeQr({ number, code }: { number: string; code: string }) {
  const origin = usePublicOrigin()
  const url = origin ? progressUrl(number, code, origin) : ''
  const [src, setSrc] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    if (!url) return
    QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, width: 240 }).then((d) => { if (live) setSrc(d) }, () => undefined)
    return () => { live = false }
  }, [url])
  return (
    <figure className="notice-qr">
      {src && <img src={src} alt={t('notice.qrAlt')} data-url={url} />}
      <figcaption>{t('notice.qr')}<br /><span className="notice-url">{url}</span></figcaption>
    </figure>
  )
}
