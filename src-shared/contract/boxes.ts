import { z } from 'zod';
import { boxSchema } from '../domain/box';
import { method } from './define';

export const boxesMethods = {
  list: method('Every box in the fleet registry', z.object({}).strict(), z.array(boxSchema)),
};
