/// Technical indicators as kernels over contiguous Float64 buffers.
public enum Indicators {}
