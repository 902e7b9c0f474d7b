// The citizen-facing frame: brand, links to the guide and to staff login, and a footer. Hidden when printing.
import { Layout } from 'antd'
import { Link, NavLink, Outlet } from 'react-router'
import { t } from '../i18n'
import { LargeTypeScope, LargeTypeToggle } from '../lib/largeType'

export function PublicLayout() {
  return (
    <Layout className="public-layout">
      <Layout.Header className="public-header no-print">
        <Link to="/" className="brand">
          <span className="brand-mark">{t('app.name')}</span>
          <span className="brand-text">{t('app.title')}</span>
        </Link>
        <nav className="public-nav">
          <NavLink to="/guide">{t('home.guide')}</NavLink>
          <NavLink to="/hall/book">{t('home.book')}</NavLink>
          <NavLink to="/login">{t('login.submit')}</NavLink>
          <LargeTypeToggle />
        </nav>
      </Layout.Header>
      <Layout.Content className="public-content">
        <LargeTypeScope><Outlet /></LargeTypeScope>
      </Layout.Content>
      <Layout.Footer className="public-footer no-print">{t('home.footer')}</Layout.Footer>
    </Layout>
  )
}
