import { createI18n } from 'vue-i18n'
import zhCN from './locales/zh-CN'
import en from './locales/en'

export type Locale = 'zh-CN' | 'en'
// Vitest runs the helpers that speak through i18n in Node, which has no localStorage.
const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem('chengxin.locale')

export const i18n = createI18n({
  legacy: false,
  locale: saved === 'en' ? 'en' : 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  localStorage.setItem('chengxin.locale', locale)
  document.documentElement.lang = locale
}
