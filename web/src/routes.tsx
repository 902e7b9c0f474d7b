// The route table. Public pages load eagerly; the guide and the staff pages are split into their own chunks.
import { lazy, Suspense, type ComponentType } from 'react'
import { createBrowserRouter } from 'react-router'
import { PageLoading } from './components/PageLoading'
import { PublicLayout } from './layouts/PublicLayout'
import { HomePage } from './pages/public/HomePage'
import { LoginPage } from './pages/public/LoginPage'
import { NotFoundPage } from './pages/public/NotFoundPage'

function page(load: () => Promise<{ default: ComponentType }>) {
  const Page = lazy(load)
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  )
}

const AppLayout = lazy(() => import('./layouts/AppLayout'))

export const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/login', element: <LoginPage /> },
      { path: '/guide', element: page(() => import('./pages/guide/GuidePage')) },
      { path: '/guide/items/:id', element: page(() => import('./pages/guide/GuideItemPage')) },
      { path: '/progress', element: page(() => import('./pages/public/ProgressPage')) },
      { path: '/rate', element: page(() => import('./pages/supervision/RatePage')) },
      { path: '/pad/rate', element: page(() => import('./pages/supervision/RatePage')) },
      { path: '/ratings/public', element: page(() => import('./pages/supervision/PublishedRatingsPage')) },
      { path: '/hall/book', element: page(() => import('./pages/hall/BookingPage')) },
      { path: '/hall/t/:id', element: page(() => import('./pages/hall/TicketFollowPage')) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  // Full-screen hall pages without a frame: the kiosk and the display board (no login).
  { path: '/hall/kiosk/:centerId', element: page(() => import('./pages/hall/KioskPage')) },
  { path: '/hall/display/:centerId', element: page(() => import('./pages/hall/DisplayPage')) },
  {
    path: '/app',
    element: <Suspense fallback={<PageLoading />}><AppLayout /></Suspense>,
    children: [
      { index: true, element: page(() => import('./pages/admin/WorkbenchPage')) },
      { path: 'centers', element: page(() => import('./pages/admin/CentersPage')) },
      { path: 'departments', element: page(() => import('./pages/admin/DepartmentsPage')) },
      { path: 'windows', element: page(() => import('./pages/admin/WindowsPage')) },
      { path: 'users', element: page(() => import('./pages/admin/StaffPage')) },
      { path: 'items', element: page(() => import('./pages/admin/ItemsPage')) },
      { path: 'items/new', element: page(() => import('./pages/admin/ItemEditPage')) },
      { path: 'items/:id', element: page(() => import('./pages/admin/ItemDetailPage')) },
      { path: 'items/:id/edit', element: page(() => import('./pages/admin/ItemEditPage')) },
      { path: 'board', element: page(() => import('./pages/admin/BoardPage')) },
      { path: 'tokens', element: page(() => import('./pages/admin/TokensPage')) },
      { path: 'supervision', element: page(() => import('./pages/supervision/SupervisionPage')) },
      { path: 'followups', element: page(() => import('./pages/supervision/FollowupsPage')) },
      { path: 'report', element: page(() => import('./pages/supervision/ReportPage')) },
      { path: 'statistics', element: page(() => import('./pages/supervision/StatisticsPage')) },
      { path: 'exchange', element: page(() => import('./pages/exchange/ExchangePage')) },
      { path: 'security', element: page(() => import('./pages/security/SecurityPage')) },
      { path: 'calendar', element: page(() => import('./pages/admin/CalendarPage')) },
      { path: 'guide', element: page(() => import('./pages/guide/GuidePage')) },
      { path: 'guide/items/:id', element: page(() => import('./pages/guide/GuideItemPage')) },
      { path: 'intake', element: page(() => import('./pages/cases/IntakePage')) },
      { path: 'intake/bundle', element: page(() => import('./pages/bundles/BundleIntakePage')) },
      { path: 'bundles', element: page(() => import('./pages/bundles/BundlesPage')) },
      { path: 'bundle-cases/:id', element: page(() => import('./pages/bundles/BundleCasePage')) },
      { path: 'cases', element: page(() => import('./pages/cases/CasesPage')) },
      { path: 'cases/:id', element: page(() => import('./pages/cases/CasePage')) },
      { path: 'inbox', element: page(() => import('./pages/cases/InboxPage')) },
      { path: 'extensions', element: page(() => import('./pages/cases/ExtensionsPage')) },
      { path: 'agency', element: page(() => import('./pages/levels/AgencyPage')) },
      { path: 'proxies', element: page(() => import('./pages/levels/ProxiesPage')) },
      { path: 'agency/cases/:id', element: page(() => import('./pages/levels/CaseLevelsPage')) },
      { path: 'levels', element: page(() => import('./pages/levels/FlowPage')) },
      { path: 'levels/cases/:id', element: page(() => import('./pages/levels/CaseLevelsPage')) },
      { path: 'messages', element: page(() => import('./pages/levels/MessagesPage')) },
      { path: 'hall/window', element: page(() => import('./pages/hall/WindowPanelPage')) },
      { path: 'hall/setup', element: page(() => import('./pages/hall/HallSetupPage')) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  { path: '/print/cases/:id/:notice', element: page(() => import('./pages/cases/print/NoticePage')) },
  { path: '/print/bundles/:id', element: page(() => import('./pages/bundles/BundleReceiptPage')) },
  { path: '/print/consultations/:id', element: page(() => import('./pages/supervision/ConsultSlipPage')) },
  { path: '/print/levels/:id/slip', element: page(() => import('./pages/levels/HandoverSlipPage')) },
])
