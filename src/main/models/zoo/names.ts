/**
 * The zoo's family and size names, apart from the builders (which load ONNX Runtime and the
 * protobuf schema), so the CLI can list them in its options without loading either.
 */
export const ZOO_FAMILIES = ['mlp', 'resnet', 'bert', 'unet'] as const;
export type ZooFamily = (typeof ZOO_FAMILIES)[number];
export const ZOO_SIZES = ['small', 'medium', 'large'] as const;
export type ZooSize = (typeof ZOO_SIZES)[number];
