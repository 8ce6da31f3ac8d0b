def log = new File(basedir, 'build.log').text
assert log.contains("Cannot get ND4J's native binaries for platform linux-ppc64le: looked for "
        + 'org.nd4j:nd4j-native:jar:linux-ppc64le:1.0.0-M2.1, org.bytedeco:openblas:jar:linux-ppc64le:0.3.19-1.5.7, '
        + 'org.bytedeco:javacpp:jar:linux-ppc64le:1.5.7')
assert log.contains('ND4J publishes none for this platform')
assert !log.contains('epoch 1/1') : 'nothing may train'
assert !new File(basedir, 'target/ssgan/tiny/seed-1/metrics.csv').exists()
// resolution stops at ND4J's missing jar: OpenBLAS's for the platform (published) is not downloaded
assert !new File(localRepositoryPath, 'org/bytedeco/openblas/0.3.19-1.5.7/openblas-0.3.19-1.5.7-linux-ppc64le.jar').exists()
return true
