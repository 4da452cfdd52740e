"""A plain Llama forward in PyTorch, the reference bench/training.sh measures our trainer against.

Hugging Face's LlamaForCausalLM computed by hand (Debian has no `transformers`): RMSNorm in float32, rotary
embeddings with rotate_half, grouped-query attention, the SwiGLU MLP, and LoRA adapters on the projections as PEFT
defines them (A Kaiming-uniform, B zero, scale alpha / r). Weights come from model.safetensors, read by hand
(python3-torch 1.13 has no safetensors module): an 8-byte little-endian header length, a JSON header naming each
tensor's dtype, shape and byte range, then the raw little-endian data.
"""
import json
import math
import os
import struct

import torch
import torch.nn.functional as F

PROJECTIONS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16}


def read_safetensors(path):
    """Each tensor read straight into its own float32 buffer, so the file is never held twice."""
    tensors = {}
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(length))
        base = 8 + length
        for name, info in header.items():
            if name == "__metadata__":
                continue
            dtype = DTYPES.get(info["dtype"])
            if dtype is None:
                raise SystemExit(f"{path}: tensor {name}: dtype {info['dtype']} is not read here")
            start, end = info["data_offsets"]
            tensor = torch.empty(info["shape"], dtype=dtype)
            f.seek(base + start)
            view = memoryview(tensor.view(torch.uint8).numpy() if dtype == torch.bfloat16 else tensor.numpy()).cast("B")
            if f.readinto(view) != end - start:
                raise SystemExit(f"{path}: tensor {name}: file ends inside its data")
            tensors[name] = tensor.float()
    return tensors


class Lora:
    def __init__(self, in_features, out_features, rank, alpha):
        bound = 1.0 / math.sqrt(in_features)
        self.a = torch.empty(rank, in_features).uniform_(-bound, bound).requires_grad_()
        self.b = torch.zeros(out_features, rank).requires_grad_()
        self.scale = alpha / rank

    def __call__(self, x):
        return F.linear(F.linear(x, self.a), self.b) * self.scale


class Projection:
    def __init__(self, weight, bias=None):
        self.weight, self.bias, self.lora = weight, bias, None

    def __call__(self, x):
        y = F.linear(x, self.weight, self.bias)
        return y if self.lora is None else y + self.lora(x)


def rms_norm(x, weight, eps):
    return weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps))


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat([-x[..., half:], x[..., :half]], -1)


class KvCache:
    """Buffers allocated once for the whole generation, each token writing its slot."""

    def __init__(self, config, capacity, batch=1):
        shape = (batch, config["num_key_value_heads"], capacity, config["head_dim"])
        self.keys = [torch.zeros(shape) for _ in range(config["num_hidden_layers"])]
        self.values = [torch.zeros(shape) for _ in range(config["num_hidden_layers"])]
        self.length = 0

    def append(self, layer, keys, values):
        end = self.length + keys.shape[2]
        self.keys[layer][:, :, self.length:end] = keys
        self.values[layer][:, :, self.length:end] = values
        return self.keys[layer][:, :, :end], self.values[layer][:, :, :end]


class Llama:
    def __init__(self, directory):
        with open(os.path.join(directory, "config.json")) as f:
            config = json.load(f)
        if config.get("rope_scaling"):
            raise SystemExit(f"{directory}/config.json: rope_scaling: not computed by this reference")
        config.setdefault("head_dim", config["hidden_size"] // config["num_attention_heads"])
        config.setdefault("num_key_value_heads", config["num_attention_heads"])
        self.config = config
        w = read_safetensors(os.path.join(directory, "model.safetensors"))
        self.embedding = w.pop("model.embed_tokens.weight")
        self.layers = []
        for i in range(config["num_hidden_layers"]):
            p = f"model.layers.{i}."
            names = [("self_attn." if n in PROJECTIONS[:4] else "mlp.") + n for n in PROJECTIONS]
            self.layers.append({
                "input_norm": w.pop(p + "input_layernorm.weight"),
                "post_norm": w.pop(p + "post_attention_layernorm.weight"),
                **{n.split(".")[1]: Projection(w.pop(p + n + ".weight"), w.pop(p + n + ".bias", None)) for n in names},
            })
        self.norm = w.pop("model.norm.weight")
        self.head = Projection(w.pop("lm_head.weight")) if "lm_head.weight" in w else None
        d = config["head_dim"]
        self.inverse_frequencies = 1.0 / torch.tensor(float(config["rope_theta"])).pow(torch.arange(0, d, 2, dtype=torch.int64).float() / d)

    def parameter_count(self):
        tensors = [self.embedding, self.norm] + ([self.head.weight] if self.head else [])
        for layer in self.layers:
            tensors += [layer["input_norm"], layer["post_norm"]] + [layer[n].weight for n in PROJECTIONS]
        return sum(t.numel() for t in tensors)

    def attach_lora(self, rank, alpha, seed=0):
        torch.manual_seed(seed)
        params = []
        for layer in self.layers:
            for n in PROJECTIONS:
                proj = layer[n]
                proj.lora = Lora(proj.weight.shape[1], proj.weight.shape[0], rank, alpha)
                params += [proj.lora.a, proj.lora.b]
        return params

    def rope(self, x, start):
        positions = torch.arange(start, start + x.shape[2], dtype=torch.float32)
        frequencies = positions[:, None] * self.inverse_frequencies[None, :]
        angles = torch.cat([frequencies, frequencies], -1)
        return x * angles.cos() + rotate_half(x) * angles.sin()

    def forward(self, ids, cache=None, last_only=False):
        c = self.config
        heads, kv_heads, d, eps = c["num_attention_heads"], c["num_key_value_heads"], c["head_dim"], c["rms_norm_eps"]
        batch, tokens = ids.shape
        past = cache.length if cache else 0
        x = self.embedding[ids]
        for i, layer in enumerate(self.layers):
            h = rms_norm(x, layer["input_norm"], eps)
            q = layer["q_proj"](h).view(batch, tokens, heads, d).transpose(1, 2)
            k = layer["k_proj"](h).view(batch, tokens, kv_heads, d).transpose(1, 2)
            v = layer["v_proj"](h).view(batch, tokens, kv_heads, d).transpose(1, 2)
            q, k = self.rope(q, past), self.rope(k, past)
            if cache:
                k, v = cache.append(i, k, v)
            if kv_heads != heads:
                k = k.repeat_interleave(heads // kv_heads, 1)
                v = v.repeat_interleave(heads // kv_heads, 1)
            scores = q @ k.transpose(-1, -2) / math.sqrt(d)
            if tokens > 1:
                allowed = torch.ones(tokens, past + tokens, dtype=torch.bool).tril(past)
                scores = scores.masked_fill(~allowed, float("-inf"))
            attended = (scores.softmax(-1) @ v).transpose(1, 2).reshape(batch, tokens, heads * d)
            x = x + layer["o_proj"](attended)
            h = rms_norm(x, layer["post_norm"], eps)
            x = x + layer["down_proj"](F.silu(layer["gate_proj"](h)) * layer["up_proj"](h))
        if cache:
            cache.length += tokens
        if last_only:
            x = x[:, -1:]
        x = rms_norm(x, self.norm, eps)
        return self.head(x) if self.head else F.linear(x, self.embedding)
