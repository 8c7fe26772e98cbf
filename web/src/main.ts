import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'
import { vPermission } from './directives/permission'
import './styles.css'

createApp(App).use(createPinia()).use(router).use(i18n).use(ElementPlus).directive('permission', vPermission).mount('#app')
