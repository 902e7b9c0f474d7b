// /hall/t/:id?k=token: a ticket followed on a phone (the slip's QR code): people ahead, or the window to go to;
// once served, the applicant rates the service here.
import { Card, Result, Typography } from 'antd'
import { useEffect } from 'react'
import { useParams, useSearchParams } from 'react-router'
import { api, errorMessage } from '../../api'
import { t } from '../../i18n'
import { useLoad } from '../../lib/useLoad'
import TicketRating from './TicketRating'
import type { ApiResponse } from '../../lib/apiTypes'

type Followed = ApiResponse<'/api/public/tickets/{id}', 'get'>

export default function TicketFollowPage() {
  const id = Number(useParams().id)
  const token = useSearchParams()[0].get('k') ?? ''
  const ticket = useLoad((s) => api.get<Followed>(`/api/public/tickets/${id}`, { token }, s), [id, token])
  const x = ticket.data
  const finished = x?.status === 'done' || x?.status === 'no_show'
  useEffect(() => {
    if (finished) return undefined // nothing changes any more (and the rating form is not re-rendered under the applicant)
    const h = setInterval(ticket.reload, 10_000); return () => clearInterval(h)
  }, [ticket.reload, finished])
  if (ticket.error != null && !x) return <Result status="warning" title={errorMessage(ticket.error)} />
  return (
    <Card title={t('follow.title')} style={{ maxWidth: 480, margin: '0 auto', textAlign: 'center' }} loading={!x}>
      {x && (
        <>
          <div className="big-number">{x.number}</div>
          <div>{x.categoryName}</div>
          <Typography.Title level={3} data-testid="follow-state">
            {x.status === 'waiting' ? t('follow.ahead', { n: x.ahead }) : x.status === 'called' ? t('follow.called', { window: x.windowNumber ?? '' }) : t('follow.status', { status: x.statusName })}
          </Typography.Title>
          {x.status === 'waiting' && <div>{t('follow.wait', { n: x.estimatedWaitMinutes })}</div>}
          {x.status === 'done'
            ? <TicketRating id={id} token={token} rated={x.rated} addendumAllowed={x.addendumAllowed} ratingNumber={x.ratingNumber} />
            : <Typography.Text type="secondary">{t('follow.refresh')}</Typography.Text>}
        </>
      )}
    </Card>
  )
}
