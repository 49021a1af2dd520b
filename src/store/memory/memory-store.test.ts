import { storeContract } from '../durable/contract.js';
import { MemoryStore } from './memory-store.js';

storeContract('memory', {
  async open() { return new MemoryStore(); },
  async peer(store) { return store; },
});
