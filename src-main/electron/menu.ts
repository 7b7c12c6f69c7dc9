import { Menu, type MenuItemConstructorOptions } from 'electron';

/** Spanish application menu; roles keep the platform's own behaviour and shortcuts. */
export function installMenu(): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin'
      ? [{ label: 'Sesiona', submenu: [{ role: 'about' as const, label: 'Acerca de Sesiona' }, { type: 'separator' as const }, { role: 'quit' as const, label: 'Salir de Sesiona' }] }]
      : []),
    { label: 'Archivo', submenu: [{ role: process.platform === 'darwin' ? 'close' : 'quit', label: process.platform === 'darwin' ? 'Cerrar ventana' : 'Salir' }] },
    {
      label: 'Edición',
      submenu: [
        { role: 'undo', label: 'Deshacer' },
        { role: 'redo', label: 'Rehacer' },
        { type: 'separator' },
        { role: 'cut', label: 'Cortar' },
        { role: 'copy', label: 'Copiar' },
        { role: 'paste', label: 'Pegar' },
        { role: 'selectAll', label: 'Seleccionar todo' },
      ],
    },
    {
      label: 'Ver',
      submenu: [
        { role: 'resetZoom', label: 'Tamaño real' },
        { role: 'zoomIn', label: 'Acercar' },
        { role: 'zoomOut', label: 'Alejar' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'Pantalla completa' },
      ],
    },
    { label: 'Ventana', submenu: [{ role: 'minimize', label: 'Minimizar' }] },
    { label: 'Ayuda', submenu: [{ role: 'about', label: 'Acerca de Sesiona' }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
