// swift-tools-version:6.0
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Rota",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "rota", targets: ["rota"]),
        .library(name: "RotaCore", targets: ["RotaCore"]),
        .library(name: "RotaSolver", targets: ["RotaSolver"]),
        .library(name: "GLPKKit", targets: ["GLPKKit"]),
        .library(name: "RotaRecords", targets: ["RotaRecords"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // GLPK itself: Debian ships no glpk.pc, so no pkgConfig; the provider tells SwiftPM what to install.
        .systemLibrary(
            name: "CGLPK",
            path: "Sources/CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        // What Swift cannot do itself: setjmp-guarded calls, the terminal hook, the MIP callback.
        .target(name: "CGLPKShims", dependencies: ["CGLPK"], path: "Sources/CGLPKShims"),
        .target(name: "GLPKKit", dependencies: ["CGLPK", "CGLPKShims"]),
        .target(name: "RotaCore", dependencies: [.product(name: "Yams", package: "Yams")]),
        // The MathProg model ships as a resource so `glpsol -m models/roster.mod` and Rota read the same file.
        .target(
            name: "RotaModels",
            path: "models",
            exclude: ["README.md"],
            sources: ["RotaModels.swift"],
            resources: [.copy("roster.mod")]
        ),
        .target(name: "RotaSolver", dependencies: ["GLPKKit", "RotaCore", "RotaModels"]),
        // Reports: text for the terminal, HTML through Mustache templates (every value escaped), iCalendar.
        .target(name: "RotaReport", dependencies: ["RotaCore", .product(name: "Mustache", package: "swift-mustache")]),
        // The practice database: one SQLite file through GRDB, and the export of its records to a scenario.
        .target(
            name: "RotaRecords",
            dependencies: [
                "RotaCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "rota",
            dependencies: [
                "RotaCore", "RotaSolver", "RotaReport", "RotaRecords", "GLPKKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzzing: the seeded mutation fuzzer over the binary, and the readers' in-process harness (libFuzzer).
        .target(name: "RotaFuzz", dependencies: ["RotaCore"]),
        .executableTarget(
            name: "rota-fuzz",
            dependencies: ["RotaFuzz", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "GLPKKitTests", dependencies: ["GLPKKit"]),
        .testTarget(
            name: "RotaTests",
            dependencies: ["RotaCore", "RotaSolver", "RotaReport", "GLPKKit"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "RecordsTests",
            dependencies: ["RotaRecords", "RotaCore", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["rota", "RotaCore", "RotaRecords", "RotaFuzz", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system && target.name != "CGLPKShims" {
    target.swiftSettings = (target.swiftSettings ?? []) + strictSettings
}
