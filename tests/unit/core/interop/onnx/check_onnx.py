"""Checks exported ONNX models with the ONNX project's own checker (Debian's python3-onnx).

Usage: /usr/bin/python3 check_onnx.py model.onnx [...]
For each file: onnx.checker.check_model with full_check (operator schemas,
attribute types, opset imports and strict shape inference), then prints one
JSON line with its inputs and outputs (name, element type, shape) as the
checker's shape inference sees them. Exits 1 on the first invalid model.
"""
import json
import sys

import onnx
from onnx import TensorProto, shape_inference


def describe(values):
    out = []
    for v in values:
        t = v.type.tensor_type
        dims = [d.dim_param if d.dim_param else d.dim_value for d in t.shape.dim]
        out.append({"name": v.name, "type": TensorProto.DataType.Name(t.elem_type), "shape": dims})
    return out


for path in sys.argv[1:]:
    model = onnx.load(path)
    try:
        onnx.checker.check_model(model, full_check=True)
        inferred = shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
    except Exception as error:  # the checker's own exception types vary between versions
        print(json.dumps({"file": path, "error": str(error)}))
        sys.exit(1)
    print(json.dumps({
        "file": path,
        "ir_version": model.ir_version,
        "opsets": {o.domain or "ai.onnx": o.version for o in model.opset_import},
        "inputs": describe(inferred.graph.input),
        "outputs": describe(inferred.graph.output),
        "metadata": {p.key: p.value for p in model.metadata_props},
    }))
