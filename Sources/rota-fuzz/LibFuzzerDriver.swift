#if LIBFUZZER
import Foundation
import RotaFuzz

/// libFuzzer's own driver (linked by `-sanitize=fuzzer`), entered from our main so the harness is built first.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

nonisolated(unsafe) var activeHarness: ReaderHarness?

enum LibFuzzerDriver {
    static func run(_ harness: ReaderHarness, arguments: [String]) throws {
        activeHarness = harness
        var argc = CInt(arguments.count)
        var pointers: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let status = pointers.withUnsafeMutableBufferPointer { buffer -> CInt in
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
            return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
                let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
                do { try activeHarness?.read(bytes) } catch { fatalError("\(error)") }
                return 0
            }
        }
        exit(status)
    }
}
#endif
