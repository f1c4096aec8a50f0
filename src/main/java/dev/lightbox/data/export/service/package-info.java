@NullMarked
package dev.lightbox.data.export.service;

import org.jspecify.annotations.NullMarked;
