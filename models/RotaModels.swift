import Foundation

/// The MathProg models Rota solves, shipped as resources so GLPK reads the very files in `models/`.
public enum RotaModels {
    /// Path of `roster.mod`, the roster constraint model.
    public static var rosterModelPath: String? {
        Bundle.module.url(forResource: "roster", withExtension: "mod")?.path
    }
}
