// greedy.mjs MODEL.gguf N TOKEN,TOKEN,... [LORA.gguf]: llama.cpp
// (node-llama-cpp's prebuilt CPU binary) greedy-decodes N tokens after the
// given prompt token ids, with a GGUF LoRA adapter at scale 1 when given,
// and prints them as JSON, with the decode rate.
import {getLlama} from "node-llama-cpp";
const [modelPath, n, ids, lora] = process.argv.slice(2);
const llama = await getLlama({gpu: false, build: "never", logLevel: "error"});
const model = await llama.loadModel({modelPath});
const ctx = await model.createContext({contextSize: 256, batchSize: 256, threads: 2,
  ...(lora ? {lora: {adapters: [{filePath: lora, scale: 1}]}} : {})});
const seq = ctx.getSequence();
const prompt = ids.split(",").map(Number);
const out = [];
const start = performance.now();
let firstAt = 0;
for await (const t of seq.evaluate(prompt, {temperature: 0})) {
  if (out.length === 0) firstAt = performance.now();
  out.push(t);
  if (out.length >= Number(n)) break;
}
const end = performance.now();
console.log(JSON.stringify({tokens: out, decode_tok_s: (out.length - 1) / ((end - firstAt) / 1000), tokenize: model.tokenize("Once upon a time", false)}));
await ctx.dispose(); await model.dispose();
