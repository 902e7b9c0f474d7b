// Entry point: antd in Chinese, the router, and the global stylesheet (print rules included).
import 'dayjs/locale/zh-cn'
import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { RouterProvider } from 'react-router'
import { mendAccessibility } from './lib/a11y'
import { router } from './routes'
import './styles.css'

dayjs.locale('zh-cn')
mendAccessibility()

// The agent's pages open without a network (public/sw.js); only in a built app served over http(s).
if ('serviceWorker' in navigator && import.meta.env.PROD) void navigator.serviceWorker.register('/sw.js').catch(() => undefined)

const theme = {
  token: {
    colorPrimary: '#1f5fae',
    // links and secondary text dark enough for WCAG AA contrast (axe-core in the browser tests)
    colorLink: '#1f5fae',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextSecondary: 'rgba(0, 0, 0, 0.62)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    colorError: '#c8102e',
    borderRadius: 6,
    fontFamily: '-apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Helvetica Neue", Arial, sans-serif',
  },
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
)
