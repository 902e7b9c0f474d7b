// `/app/*`: the staff frame. The menu comes from the user's roles (menu.ts); the Sider folds away on phones.
import { App, Button, Layout, Menu, Result, Tag } from 'antd'
import { useState } from 'react'
import { Link, Outlet, useLocation, useNavigate } from 'react-router'
import { errorMessage } from '../api'
import { PageLoading } from '../components/PageLoading'
import { t } from '../i18n'
import { MENU_ENTRIES, menuFor, pageAllowed, selectedMenuKey } from '../menu'
import { unsentOnDevice } from '../pages/levels/offline/store'
import { ChangePasswordDialog } from '../pages/security/ChangePasswordDialog'
import { SessionProvider, useSession } from '../session'

export default function AppLayout() {
  return (
    <SessionProvider
      fallback={<PageLoading />}
      failed={(e, retry) => <Result status="warning" title={errorMessage(e)} extra={<Button onClick={retry}>{t('app.retry')}</Button>} />}
    >
      <Frame />
    </SessionProvider>
  )
}

function Frame() {
  const { user, logOut } = useSession()
  const { modal } = App.useApp()
  // Logging out clears the device (the villagers' photos must not stay on a phone that changes hands); what has not
  // reached the server yet would be lost, so the agent is told how much and must confirm it.
  const confirmLogOut = async () => {
    const left = await unsentOnDevice().catch(() => ({ intakes: 0, photos: 0 }))
    if (!left.intakes) return logOut()
    modal.confirm({
      title: t('offline.logoutTitle', { n: left.intakes }), content: t('offline.logoutLoss', { n: left.intakes, photos: left.photos }),
      okText: t('offline.logoutDelete', { n: left.intakes }), okButtonProps: { danger: true }, cancelText: t('offline.logoutKeep'), onOk: () => logOut(),
    })
  }
  const [collapsed, setCollapsed] = useState(false)
  const [narrow, setNarrow] = useState(false)
  const [changingPassword, setChangingPassword] = useState(false)
  const location = useLocation()
  const navigate = useNavigate()
  const keys = menuFor(user.roles)
  const selected = selectedMenuKey(location.pathname, keys)

  return (
    <Layout className="app-layout">
      <Layout.Sider
        className={narrow ? 'app-sider app-sider-overlay' : 'app-sider'}
        breakpoint="lg"
        collapsible
        trigger={narrow ? null : undefined}
        collapsed={collapsed}
        collapsedWidth={narrow ? 0 : 64}
        onCollapse={setCollapsed}
        onBreakpoint={(broken) => { setNarrow(broken); setCollapsed(broken) }}
        width={200}
      >
        <Link to="/app" className="app-brand">
          <span className="brand-mark">{t('app.name')}</span>
          {!collapsed && <span>{t('app.subtitleShort')}</span>}
        </Link>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          items={keys.map((k) => ({ key: k, label: t(MENU_ENTRIES[k].label), title: t(MENU_ENTRIES[k].label) }))}
          onClick={({ key }) => {
            navigate(MENU_ENTRIES[key as keyof typeof MENU_ENTRIES].path)
            if (narrow) setCollapsed(true)
          }}
        />
      </Layout.Sider>
      {narrow && !collapsed && <div className="app-sider-backdrop" onClick={() => setCollapsed(true)} />}
      <Layout>
        <Layout.Header className="app-header">
          <div className="who">
            {narrow && <Button onClick={() => setCollapsed(!collapsed)}>{t('layout.menu')}</Button>}
            <strong className="user-name">{user.name}</strong>
            <span className="center">{user.centerName}</span>
            {user.roles.map((r) => <Tag key={r} className="role-tag">{t(`role.${r}`)}</Tag>)}
          </div>
          <span>
            <Button type="text" onClick={() => setChangingPassword(true)}>{t('password.change')}</Button>
            <Button onClick={() => void confirmLogOut()}>{t('layout.logout')}</Button>
          </span>
          <ChangePasswordDialog open={changingPassword} onClose={() => setChangingPassword(false)} />
        </Layout.Header>
        <Layout.Content className="app-content">
          <h1 className="visually-hidden">{t('a11y.mainHeading', { page: selected ? t(MENU_ENTRIES[selected].label) : t('app.subtitleShort') })}</h1>
          {pageAllowed(location.pathname, keys) ? <Outlet /> : <Result status="403" title={t('app.forbidden')} />}
        </Layout.Content>
      </Layout>
    </Layout>
  )
}

