// The QR codes on printed notices, at the district's public address (PUBLIC_URL): every notice's opens the public
// progress page for this number and query code; the 办结通知书, 不予受理 and 不予许可 documents (and the consultation
// slip) also carry the rating's, with its short link PUBLIC_URL/r/<number>/<code> printed beside it.
import QRCode from 'qrcode'
import { useEffect, useState } from 'react'
import { t } from '../../../i18n'
import { progressUrl } from '../caseTypes'
import { usePublicOrigin } from '../../../lib/publicOrigin'

/** The rating's short link (the server redirects it to /rate?number=&code=). */
export const rateUrl = (number: string, code: string, origin: string) => `${origin}/r/${encodeURIComponent(number)}/${encodeURIComponent(code)}`

export function NoticeQr({ number, code, rate = false }: { number: string; code: string; rate?: boolean }) {
  const origin = usePublicOrigin()
  const url = origin ? (rate ? rateUrl(number, code, origin) : progressUrl(number, code, origin)) : ''
  const [src, setSrc] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    if (!url) return
    QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, width: 240 }).then((d) => { if (live) setSrc(d) }, () => undefined)
    return () => { live = false }
  }, [url])
  return (
    <figure className={rate ? 'notice-qr notice-rate' : 'notice-qr'}>
      {src && <img src={src} alt={t(rate ? 'rate.qrAlt' : 'notice.qrAlt')} data-url={url} />}
      <figcaption>{t(rate ? 'rate.qr' : 'notice.qr')}<br />{rate && `${t('rate.shortLink')}：`}<span className="notice-url">{url}</span></figcaption>
    </figure>
  )
}
