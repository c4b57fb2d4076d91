package dev.ecsapp.deploy.iam;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

// Only the constant pool is read: every method a class invokes (directly, from a lambda body, or as a method reference)
// is a Methodref or InterfaceMethodref entry there, so the rest of the class file can be skipped. JDK 17 has no
// class-file API and ASM is not on this module's class path; the format is small and fixed (JVMS 4.4).
/** The methods one compiled class refers to, read from its constant pool. */
record MethodReferences(String className, List<Reference> references) {

    /** A method a class calls: owner in internal form (a/b/C), name and JVM descriptor. */
    record Reference(String owner, String name, String descriptor) {
    }

    private static final int UTF8 = 1;
    private static final int INTEGER = 3;
    private static final int FLOAT = 4;
    private static final int LONG = 5;
    private static final int DOUBLE = 6;
    private static final int CLASS = 7;
    private static final int STRING = 8;
    private static final int FIELD_REF = 9;
    private static final int METHOD_REF = 10;
    private static final int INTERFACE_METHOD_REF = 11;
    private static final int NAME_AND_TYPE = 12;
    private static final int METHOD_HANDLE = 15;
    private static final int METHOD_TYPE = 16;
    private static final int DYNAMIC = 17;
    private static final int INVOKE_DYNAMIC = 18;
    private static final int MODULE = 19;
    private static final int PACKAGE = 20;

    static MethodReferences read(String className, InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException(className + " is not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        int[][] pairs = new int[count][];
        int[] tags = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case UTF8 -> utf8[i] = in.readUTF();
                case INTEGER, FLOAT -> in.readInt();
                case LONG, DOUBLE -> {
                    in.readLong();
                    // An eight-byte constant takes two entries of the pool.
                    i++;
                }
                case CLASS -> classNameIndex[i] = in.readUnsignedShort();
                case STRING, METHOD_TYPE, MODULE, PACKAGE -> in.readUnsignedShort();
                case FIELD_REF, METHOD_REF, INTERFACE_METHOD_REF, NAME_AND_TYPE, DYNAMIC, INVOKE_DYNAMIC ->
                        pairs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case METHOD_HANDLE -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException(className + ": unknown constant pool tag " + tag + " at " + i);
            }
        }
        List<Reference> references = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (tags[i] == METHOD_REF || tags[i] == INTERFACE_METHOD_REF) {
                String owner = utf8[classNameIndex[pairs[i][0]]];
                int[] nameAndType = pairs[pairs[i][1]];
                references.add(new Reference(owner, utf8[nameAndType[0]], utf8[nameAndType[1]]));
            }
        }
        return new MethodReferences(className, List.copyOf(references));
    }
}
