import { Menu } from 'electron';
import { menuTemplate, type MenuInputs } from './menu-template';

export function installMenu(inputs: MenuInputs): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(inputs)));
}
